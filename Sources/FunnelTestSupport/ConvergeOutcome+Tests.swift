public import FunnelKit

extension ConvergeOutcome {
    /// Applied without a failed, skipped or stopped step, or nothing to apply.
    public var succeeded: Bool {
        switch self {
        case .unchanged: true
        case .applied(_, let report): report.succeeded
        case .refused, .declined: false
        }
    }

    /// Steps applied (0 when nothing was).
    public var done: Int { report?.done ?? 0 }
}
