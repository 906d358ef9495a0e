/// What funnel remembers between runs (a cache, not the source of truth): Wix ids for the
/// workflow, phases and each record, and the values it last applied (field ownership, drift).
public struct StateSnapshot: Sendable, Codable, Hashable {
    /// A random id fixed when the state is first created; a saved plan pins it.
    public var lineage: String
    /// Incremented by every apply that wrote something.
    public var serial: Int
    public var workflowId: String?
    public var winPhaseId: String?
    public var phases: [PhaseState]
    public var records: [String: RecordState]
    /// Label and custom-field keys funnel found or created, by display name as the config writes it:
    /// a field renamed in Wix's dashboard keeps its key, so it is still found.
    public var definitions: [DefinitionState]

    public init(lineage: String, serial: Int = 0, workflowId: String? = nil, winPhaseId: String? = nil,
                phases: [PhaseState] = [], records: [String: RecordState] = [:], definitions: [DefinitionState] = []) {
        self.lineage = lineage; self.serial = serial; self.workflowId = workflowId; self.winPhaseId = winPhaseId
        self.phases = phases; self.records = records; self.definitions = definitions
    }

    /// The remembered key of a label or custom field, by the config's display name.
    public func definitionKey(_ kind: DefinitionKind, _ name: String) -> String? {
        definitions.first { $0.kind == kind && $0.name == name }?.key
    }

    /// An empty state (no file yet): the plan adopts what exists in Wix.
    public static func empty(lineage: String) -> StateSnapshot { StateSnapshot(lineage: lineage) }
}

/// A phase funnel manages: its Wix id, the name it last gave it, and (when mirrored) the CRM stage id.
public struct PhaseState: Sendable, Codable, Hashable {
    public var phaseId: String
    public var name: String
    public var stageId: String?

    public init(phaseId: String, name: String, stageId: String? = nil) {
        self.phaseId = phaseId; self.name = name; self.stageId = stageId
    }
}

/// One CRM record's Wix objects and the values funnel last wrote for it.
public struct RecordState: Sendable, Codable, Hashable {
    public var key: String
    public var identity: ContactIdentity?
    public var contactId: String?
    public var cardId: String?
    /// Last applied contact fields (a field that still holds this value is funnel's to change).
    public var contact: DesiredContact?
    public var cardName: String?
    public var cardDescription: String?
    /// The card due date last applied (`YYYY-MM-DD`).
    public var cardDue: String?
    /// The target last applied (`Qualified`, `$win`, `$archive`) and the phase id it resolved to.
    public var target: TargetRef?
    public var phaseId: String?

    public init(key: String, identity: ContactIdentity? = nil, contactId: String? = nil, cardId: String? = nil,
                contact: DesiredContact? = nil, cardName: String? = nil, cardDescription: String? = nil,
                target: TargetRef? = nil, phaseId: String? = nil, cardDue: String? = nil) {
        self.key = key; self.identity = identity; self.contactId = contactId; self.cardId = cardId
        self.contact = contact; self.cardName = cardName; self.cardDescription = cardDescription
        self.target = target; self.phaseId = phaseId; self.cardDue = cardDue
    }
}
