/// What Wix holds for the managed workflow, read page-wise by the plan.
public struct LiveState: Sendable, Codable, Hashable {
    /// nil when no workflow with the configured id or name exists yet.
    public var workflow: LiveWorkflow?
    /// Active phases, left to right (the win phase excluded).
    public var phases: [LivePhase]
    public var winPhaseId: String?
    /// Every card of the workflow, active and archived.
    public var cards: [LiveCard]
    /// Contacts by id: those the cards attach and those found by identity.
    public var contacts: [String: LiveContact]
    /// Contact id for each identity that was looked up and found.
    public var contactIdsByIdentity: [ContactIdentity: String]
    /// The site's contact labels (read only when the config maps labels).
    public var labels: [LiveDefinition]
    /// The site's extended fields, system ones included (read only when the config maps custom fields).
    public var extendedFields: [LiveDefinition]

    public init(workflow: LiveWorkflow? = nil, phases: [LivePhase] = [], winPhaseId: String? = nil, cards: [LiveCard] = [],
                contacts: [String: LiveContact] = [:], contactIdsByIdentity: [ContactIdentity: String] = [:],
                labels: [LiveDefinition] = [], extendedFields: [LiveDefinition] = []) {
        self.workflow = workflow; self.phases = phases; self.winPhaseId = winPhaseId; self.cards = cards
        self.contacts = contacts; self.contactIdsByIdentity = contactIdsByIdentity
        self.labels = labels; self.extendedFields = extendedFields
    }
}

public struct LiveWorkflow: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var description: String?

    public init(id: String, name: String, description: String? = nil) {
        self.id = id; self.name = name; self.description = description
    }
}

public struct LivePhase: Sendable, Codable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct LiveCard: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
    public var contactId: String?
    public var source: String?
    /// The phase holding the card (for archived cards: the phase it was archived from, when known).
    public var phaseId: String?
    public var archived: Bool
    /// `updatedDate` as Wix sent it: the version a saved plan pins.
    public var updatedDate: String?
    /// `dueDate`'s day, `YYYY-MM-DD` (UTC).
    public var dueDate: String?

    public init(id: String, name: String, description: String? = nil, contactId: String?, source: String?,
                phaseId: String?, archived: Bool, updatedDate: String? = nil, dueDate: String? = nil) {
        self.id = id; self.name = name; self.description = description; self.contactId = contactId
        self.source = source; self.phaseId = phaseId; self.archived = archived; self.updatedDate = updatedDate
        self.dueDate = dueDate
    }
}

public struct LiveContact: Sendable, Codable, Hashable {
    public var id: String
    public var revision: Int
    public var fields: DesiredContact
    public var updatedDate: String?
    /// `info.labelKeys`.
    public var labelKeys: [String]
    /// `info.extendedFields` under `custom.*`: key → the value as text (a number in its canonical form).
    public var extendedValues: [String: String]

    public init(id: String, revision: Int, fields: DesiredContact, updatedDate: String? = nil, labelKeys: [String] = [],
                extendedValues: [String: String] = [:]) {
        self.id = id; self.revision = revision; self.fields = fields; self.updatedDate = updatedDate
        self.labelKeys = labelKeys; self.extendedValues = extendedValues
    }
}
