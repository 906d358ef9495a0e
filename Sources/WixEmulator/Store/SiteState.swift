/// One Wix site held by the sandbox: workflows, phases, cards and contacts, plus the indexes
/// that keep every request free of full scans. Only the entities are persisted; indexes are rebuilt on load.
struct SiteState: Codable, Sendable {
    var workflows = TrackedTable<StoredWorkflow>()
    var phases = TrackedTable<StoredPhase>()
    var cards = TrackedTable<StoredCard>()
    var contacts = TrackedTable<ContactWire.Contact>()
    /// User-defined contact labels by key (system labels are constants: `SiteState.systemLabels`).
    var labels = TrackedTable<StoredLabel>()
    /// Custom extended fields by key (system fields are constants: `SiteState.systemFields`).
    var fields = TrackedTable<StoredField>()
    /// Contact ids in creation order (the List Contacts order before sorting).
    var contactOrder: [String] = []
    /// Next value of `StoredWorkflow.sequence`.
    var nextSequence = 0

    /// workflow id → contact id → ids of that contact's cards in the workflow (any state).
    var cardsByContact: [String: [String: [String]]] = [:]
    /// Contact id → creation rank (increasing; gaps after deletes), to order index hits without scanning.
    var contactRank: [String: Int] = [:]
    /// Normalized email → ids of contacts holding it (any of their emails).
    var emailIndex: [String: [String]] = [:]
    /// Normalized phone → ids of contacts holding it (any of their phones).
    var phoneIndex: [String: [String]] = [:]

    private enum CodingKeys: String, CodingKey {
        case workflows, phases, cards, contacts, contactOrder, nextSequence, labels, fields
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workflows = try container.decode(TrackedTable<StoredWorkflow>.self, forKey: .workflows)
        phases = try container.decode(TrackedTable<StoredPhase>.self, forKey: .phases)
        cards = try container.decode(TrackedTable<StoredCard>.self, forKey: .cards)
        contacts = try container.decode(TrackedTable<ContactWire.Contact>.self, forKey: .contacts)
        contactOrder = try container.decode([String].self, forKey: .contactOrder)
        nextSequence = try container.decodeIfPresent(Int.self, forKey: .nextSequence) ?? workflows.count
        labels = try container.decodeIfPresent(TrackedTable<StoredLabel>.self, forKey: .labels) ?? .init()
        fields = try container.decodeIfPresent(TrackedTable<StoredField>.self, forKey: .fields) ?? .init()
        rebuildIndexes()
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workflows, forKey: .workflows)
        try container.encode(phases, forKey: .phases)
        try container.encode(cards, forKey: .cards)
        try container.encode(contacts, forKey: .contacts)
        try container.encode(contactOrder, forKey: .contactOrder)
        try container.encode(nextSequence, forKey: .nextSequence)
        try container.encode(labels, forKey: .labels)
        try container.encode(fields, forKey: .fields)
    }

    /// The ids of the entities set since the last call (the ones the data file must write).
    mutating func takeChanges() -> SiteChanges {
        SiteChanges(workflows: workflows.takeChanges(), phases: phases.takeChanges(), cards: cards.takeChanges(),
                    contacts: contacts.takeChanges(), labels: labels.takeChanges(), fields: fields.takeChanges())
    }

    mutating func rebuildIndexes() {
        cardsByContact = [:]
        for card in cards.values {
            if let contactId = card.contactId { indexCard(card.id, workflowId: card.workflowId, contactId: contactId) }
        }
        emailIndex = [:]
        phoneIndex = [:]
        contactRank = [:]
        for (rank, id) in contactOrder.enumerated() {
            contactRank[id] = rank
            if let contact = contacts[id] { indexContact(contact) }
        }
    }
}

/// Ids of the entities one write (or a series of writes) set: added, changed or removed.
struct SiteChanges: Sendable {
    var workflows: Set<String>
    var phases: Set<String>
    var cards: Set<String>
    var contacts: Set<String>
    var labels: Set<String> = []
    var fields: Set<String> = []
}

/// A workflow: its ordered active phases, its win phase, and its archived cards.
struct StoredWorkflow: Codable, Sendable {
    var id: String
    var name: String
    var description: String?
    var createdDate: String
    var winPhaseId: String
    /// Active phases, left to right (the win phase is not among them).
    var phaseIds: [String]
    /// Archived cards, oldest archive first.
    var archivedCardIds: [String]
    /// Creation order, to break ties when sorting.
    var sequence: Int
}

/// A phase and its non-archived cards, top to bottom.
struct StoredPhase: Codable, Sendable {
    var id: String
    var workflowId: String
    var name: String
    var cardIds: [String]
}

/// A card. `phaseId` is kept when the card is archived (wix-api.md §5.6).
struct StoredCard: Codable, Sendable {
    var id: String
    var workflowId: String
    var phaseId: String
    var name: String?
    var description: String?
    var contactId: String?
    var attachmentId: String?
    var dueDate: String?
    var source: String?
    var createdDate: String
    var updatedDate: String
    var archived: Bool
}
