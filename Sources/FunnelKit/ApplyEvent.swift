import Foundation
public import FunnelCore

/// What apply reports while it runs; the CLI turns these into a progress bar, plain lines or NDJSON.
public enum ApplyEvent: Sendable {
    case started(runId: String, steps: Int, parallelism: Int, resumedFrom: String?)
    case stepDone(PlanStep, resultId: String?, note: String?)
    case stepFailed(PlanStep, error: String)
    case stepSkipped(PlanStep, blockedBy: [Int])
    case finished(ApplyReport)
}
