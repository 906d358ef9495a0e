import FunnelKit

/// A row claimed by one worker.
public struct WorkClaim: Sendable, Hashable {
    public var funnel: FleetFunnelID
    public var worker: String
    /// What to reconcile: the whole funnel, or the row's record keys.
    public var scope: ConvergeScope
    /// The row's record keys at claim time (a whole-funnel cycle covers them too).
    public var keys: [String]
    /// Consecutive failed cycles before this one.
    public var failures: Int

    public init(funnel: FleetFunnelID, worker: String, scope: ConvergeScope, keys: [String], failures: Int) {
        self.funnel = funnel; self.worker = worker; self.scope = scope; self.keys = keys; self.failures = failures
    }
}
