/// One executable step.
public struct PlanStep: Sendable, Codable, Hashable, Identifiable {
    public var id: Int
    public var group: StepGroup
    public var action: StepAction
    /// `workflow`, `phase["Qualified"]`, `contact["L-001"]`, `card["L-001"]`.
    public var address: String {
        get { place.description }
        set { place = .text(newValue) }
    }
    /// The address as held (`StepAddress`: a lead's steps keep only its key).
    public var place: StepAddress
    /// Human-visible values before and after (personal data is masked when rendered, not here).
    /// Held as `StepValues` (a plan of a million steps holds two each); read and written as dictionaries.
    public var before: [String: String]? {
        get { beforeValues?.dictionary }
        set { beforeValues = newValue.map(StepValues.init) }
    }
    public var after: [String: String]? {
        get { afterValues?.dictionary }
        set { afterValues = newValue.map(StepValues.init) }
    }
    public var reason: String
    public var provenance: Provenance
    /// Steps that must succeed first; when one fails this step is skipped.
    public var dependsOn: [Int]
    /// What apply sends.
    public var operation: StepOperation

    private var beforeValues: StepValues?
    private var afterValues: StepValues?

    public init(id: Int, group: StepGroup, action: StepAction, address: String, before: [String: String]? = nil,
                after: [String: String]? = nil, reason: String, provenance: Provenance = Provenance(),
                dependsOn: [Int] = [], operation: StepOperation) {
        self.init(id: id, group: group, action: action, place: .text(address), values: (before.map(StepValues.init),
                  after.map(StepValues.init)), reason: reason, provenance: provenance, dependsOn: dependsOn, operation: operation)
    }

    /// As the planner makes a step: the address and values in their compact forms.
    public init(id: Int, group: StepGroup, action: StepAction, place: StepAddress,
                values: (before: StepValues?, after: StepValues?), reason: String, provenance: Provenance = Provenance(),
                dependsOn: [Int] = [], operation: StepOperation) {
        self.id = id; self.group = group; self.action = action; self.place = place
        self.beforeValues = values.before; self.afterValues = values.after
        self.reason = reason; self.provenance = provenance; self.dependsOn = dependsOn
        self.operation = operation
    }

    enum CodingKeys: String, CodingKey {
        case id, group, action, address, before, after, reason, provenance, operation
        case dependsOn = "depends_on"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(Int.self, forKey: .id), group: try container.decode(StepGroup.self, forKey: .group),
                  action: try container.decode(StepAction.self, forKey: .action),
                  address: try container.decode(String.self, forKey: .address),
                  before: try container.decodeIfPresent([String: String].self, forKey: .before),
                  after: try container.decodeIfPresent([String: String].self, forKey: .after),
                  reason: try container.decode(String.self, forKey: .reason),
                  provenance: try container.decode(Provenance.self, forKey: .provenance),
                  dependsOn: try container.decode([Int].self, forKey: .dependsOn),
                  operation: try container.decode(StepOperation.self, forKey: .operation))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(group, forKey: .group)
        try container.encode(action, forKey: .action)
        try container.encode(address, forKey: .address)
        try container.encodeIfPresent(before, forKey: .before)
        try container.encodeIfPresent(after, forKey: .after)
        try container.encode(reason, forKey: .reason)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encode(operation, forKey: .operation)
    }
}
