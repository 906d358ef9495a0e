public import FunnelCore

/// One `apply` run as recorded in the journal.
public struct JournalRun: Sendable, Codable, Hashable {
    /// `running` until `finishRun`; a run still `running` when the lock is free was interrupted.
    /// `interrupted` marks such a run once a later run has begun (so it is reported only once).
    public enum Status: String, Sendable, Codable, Hashable, CaseIterable {
        case running, done, failed, interrupted
    }

    public var id: String
    /// The digest of the plan the run executes (lets the next apply tell whether it is the same plan).
    public var planDigest: String
    /// ISO-8601 time the run began.
    public var startedAt: String
    public var status: Status
    /// The steps in `stepId` order, with their last recorded status.
    public var steps: [JournalStep]
    /// What the run cost this process (calls, CPU, wall time), recorded when it finished; nil while
    /// it runs, for a run that ended without it, and for runs journaled before issue #15.
    public var cost: ApplyCost?

    public init(id: String, planDigest: String, startedAt: String, status: Status = .running, steps: [JournalStep],
                cost: ApplyCost? = nil) {
        self.id = id; self.planDigest = planDigest; self.startedAt = startedAt; self.status = status; self.steps = steps
        self.cost = cost
    }
}
