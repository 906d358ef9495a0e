public import Foundation

/// One plan step as the apply journal remembers it: recorded `pending` when the run begins,
/// `started` just before its API call, and `done` / `failed` / `skipped` right after.
public struct JournalStep: Sendable, Codable, Hashable {
    /// Where a step is in its life. A `started` step of an interrupted run may or may not have
    /// reached Wix: the applier must look before repeating a create.
    public enum Status: String, Sendable, Codable, Hashable, CaseIterable {
        case pending, started, done, failed, skipped
    }

    /// The step's index in the plan (unique within a run).
    public var stepId: Int
    /// The step's address, e.g. `card["L-001"]`.
    public var address: String
    /// The step's action, e.g. `create`, `move`.
    public var action: String
    /// The plan step itself, opaque JSON owned by the applier.
    public var payload: Data
    public var status: Status
    /// The Wix id a create produced, saved as soon as it is known.
    public var resultId: String?
    /// The error a failed step ended with.
    public var error: String?

    public init(stepId: Int, address: String, action: String, payload: Data, status: Status = .pending,
                resultId: String? = nil, error: String? = nil) {
        self.stepId = stepId; self.address = address; self.action = action; self.payload = payload
        self.status = status; self.resultId = resultId; self.error = error
    }
}
