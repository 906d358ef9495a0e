/// One executable step.
public struct PlanStep: Sendable, Codable, Hashable, Identifiable {
    public var id: Int
    public var group: StepGroup
    public var action: StepAction
    /// `workflow`, `phase["Qualified"]`, `contact["L-001"]`, `card["L-001"]`.
    public var address: String
    /// Human-visible values before and after (personal data is masked when rendered, not here).
    public var before: [String: String]?
    public var after: [String: String]?
    public var reason: String
    public var provenance: Provenance
    /// Steps that must succeed first; when one fails this step is skipped.
    public var dependsOn: [Int]
    /// What apply sends.
    public var operation: StepOperation

    public init(id: Int, group: StepGroup, action: StepAction, address: String, before: [String: String]? = nil,
                after: [String: String]? = nil, reason: String, provenance: Provenance = Provenance(),
                dependsOn: [Int] = [], operation: StepOperation) {
        self.id = id; self.group = group; self.action = action; self.address = address; self.before = before
        self.after = after; self.reason = reason; self.provenance = provenance; self.dependsOn = dependsOn
        self.operation = operation
    }

    enum CodingKeys: String, CodingKey {
        case id, group, action, address, before, after, reason, provenance, operation
        case dependsOn = "depends_on"
    }
}
