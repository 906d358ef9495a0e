/// `Plan: N to create, N to move, N to update, N to archive.` and the rest.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var create = 0
    public var move = 0
    public var update = 0
    public var archive = 0
    public var delete = 0

    public init(steps: [PlanStep]) {
        for step in steps {
            switch step.action.kind {
            case .create: create += 1
            case .move: move += 1
            case .update: update += 1
            case .archive: archive += 1
            case .delete: delete += 1
            }
        }
    }

    /// The contract line: `Plan: 3 to create, 2 to move, 0 to update, 1 to archive.`
    public var line: String {
        "Plan: \(create) to create, \(move) to move, \(update) to update, \(archive) to archive."
    }
}
