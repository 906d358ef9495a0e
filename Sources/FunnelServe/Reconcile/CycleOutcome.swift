/// What a cycle that ran to its end did. A cycle that failed throws instead.
public struct CycleOutcome: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The plan had no changes; nothing was written.
        case unchanged
        /// The plan was applied (some steps may have failed: see `stepsFailed`).
        case applied
        /// A policy gate refused the plan; nothing was written.
        case refused(reason: String)
    }

    public var kind: Kind
    /// The plan's summary line, e.g. `Plan: 1 to move.`
    public var planSummary: String
    /// Steps that succeeded, by action (`move_card`, `create_contact`, …).
    public var stepsApplied: [String: Int]
    /// Steps that failed.
    public var stepsFailed: Int
    /// Steps left unstarted because a stop was requested.
    public var stepsSkipped: Int
    /// Wix API requests the cycle sent (plan reads and apply writes).
    public var apiCalls: Int

    public init(kind: Kind, planSummary: String = "", stepsApplied: [String: Int] = [:], stepsFailed: Int = 0,
                stepsSkipped: Int = 0, apiCalls: Int = 0) {
        self.kind = kind; self.planSummary = planSummary; self.stepsApplied = stepsApplied
        self.stepsFailed = stepsFailed; self.stepsSkipped = stepsSkipped; self.apiCalls = apiCalls
    }

    /// Steps that succeeded, over all actions.
    public var stepsAppliedTotal: Int { stepsApplied.values.reduce(0, +) }
}
