/// How the person running funnel lets a plan above `policy.max_archive` through: the gate's refusal
/// names it, and it depends on the command, not on the plan.
public enum GateOverride: Sendable, Hashable {
    /// `plan` and `apply`: re-run with `--allow-large-changes`.
    case flag
    /// `watch`, `serve` and the fleet take no such flag (an unattended loop never lifts its own
    /// limit): apply the change once by hand with the flag, or raise `policy.max_archive`.
    case unattended
}
