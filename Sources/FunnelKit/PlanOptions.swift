public import FunnelCore

public struct PlanOptions: Sendable {
    public var allowLargeChanges: Bool
    public var parallelism: Int
    /// What a refused gate tells the user to do: the flag (`plan`, `apply`) or, in unattended runs, a manual apply or a higher limit.
    public var gateOverride: GateOverride

    public init(allowLargeChanges: Bool = false, parallelism: Int = 4, gateOverride: GateOverride = .flag) {
        self.allowLargeChanges = allowLargeChanges; self.parallelism = parallelism; self.gateOverride = gateOverride
    }
}
