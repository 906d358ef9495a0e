/// Workflows v1: card operations (wix-api.md §3.3 "Cards", §5.4–5.6).
extension SiteState {
    static let cardSortFields: Set<String> = ["id", "name", "createdDate", "updatedDate", "phaseId"]

    mutating func createCard(workflowId: String, phaseId: String, _ body: WorkflowWire.CreateCardBody, rules: SiteRules)
        throws(WixError) -> String {
        let workflow = try self.workflow(workflowId)
        // Read the phase in place: a copy would share (and later force a copy of) its card list.
        guard phases[phaseId]?.workflowId == workflowId else { throw .notFound("Phase", phaseId) }
        let info = body.card ?? .init()
        let contactId = info.primaryAttachment?.contactId.flatMap { $0.isEmpty ? nil : $0 }
        if rules.strictness.requireCardContact {
            guard let name = info.name, !name.isEmpty else { throw .invalid("card.name", "is required") }
            guard let contactId else { throw .invalid("card.primaryAttachment.contactId", "is required") }
            guard contacts[contactId] != nil else { throw .notFound("Contact", contactId) }
        }
        let index = try rules.insertionIndex(body.position?.value, count: phases[phaseId]!.cardIds.count, field: "position")
        if phaseId != workflow.winPhaseId {
            try checkActivation(workflow, contactId: contactId, excluding: nil, rules: rules)
        }
        let now = Timestamp.now(milliseconds: false)
        let id = newId()
        cards[id] = StoredCard(
            id: id, workflowId: workflowId, phaseId: phaseId, name: info.name, description: info.description,
            contactId: contactId, attachmentId: contactId == nil ? nil : newId(), dueDate: try Timestamp.dueDate(info.dueDate, rules: rules),
            source: info.source, createdDate: now, updatedDate: now, archived: false)
        phases[phaseId]!.cardIds.insert(id, at: index)
        if let contactId { indexCard(id, workflowId: workflowId, contactId: contactId) }
        return id
    }

    func card(_ id: String) throws(WixError) -> StoredCard {
        guard let card = cards[id] else { throw .notFound("Card", id) }
        return card
    }

    /// Get Card: an archived card is "an empty object" (`nil` here, `{}` on the wire) unless strict.
    func getCard(_ id: String, rules: SiteRules) throws(WixError) -> WorkflowWire.Card? {
        let card = try self.card(id)
        if card.archived {
            if rules.plays(.archivedCard404) { throw .notFound("Card", id) }
            return nil
        }
        return card.wire
    }

    mutating func updateCard(_ id: String, _ body: WorkflowWire.UpdateCardBody, includeArchived: Bool, rules: SiteRules)
        throws(WixError) {
        var card = try self.card(id)
        if card.archived && !includeArchived {
            throw .application(400, "CARD_ARCHIVED", "card \(id) is archived; restore it before updating it")
        }
        let info = body.cardInfo ?? .init()
        let replace = rules.strictness.updateCardReplaces
        let oldContact = card.contactId
        if replace || info.name != nil { card.name = info.name }
        if replace || info.description != nil { card.description = info.description }
        if replace || info.dueDate != nil { card.dueDate = try Timestamp.dueDate(info.dueDate, rules: rules) }
        if replace || info.source != nil { card.source = info.source }
        if replace || info.primaryAttachment != nil {
            card.contactId = info.primaryAttachment?.contactId.flatMap { $0.isEmpty ? nil : $0 }
        }
        if card.contactId != oldContact {
            if let contactId = card.contactId {
                if rules.strictness.requireCardContact, contacts[contactId] == nil { throw .notFound("Contact", contactId) }
                if isActive(card) { try checkContactFree(card.workflowId, contactId: contactId, excluding: id) }
            }
            if let oldContact { unindexCard(id, workflowId: card.workflowId, contactId: oldContact) }
            if let contactId = card.contactId { indexCard(id, workflowId: card.workflowId, contactId: contactId) }
            card.attachmentId = card.contactId == nil ? nil : newId()
        }
        card.updatedDate = Timestamp.now(milliseconds: false)
        cards[id] = card
    }

    mutating func moveCard(_ id: String, _ body: WorkflowWire.MoveCardBody, rules: SiteRules) throws(WixError) {
        let card = try self.card(id)
        guard let newPhaseId = body.newPhaseId, !newPhaseId.isEmpty else { throw .invalid("newPhaseId", "is required") }
        if card.archived {
            throw .application(400, "CARD_ARCHIVED", "card \(id) is archived; use Restore Card")
        }
        let workflow = try self.workflow(card.workflowId)
        let target = try phase(newPhaseId)
        guard target.workflowId == card.workflowId else { throw .notFound("Phase", newPhaseId) }
        if newPhaseId != workflow.winPhaseId && card.phaseId == workflow.winPhaseId {
            try checkActivation(workflow, contactId: card.contactId, excluding: id, rules: rules)
        }
        var targetIds = target.cardIds
        targetIds.removeAll { $0 == id }
        let index = try rules.insertionIndex(body.newPosition?.value, count: targetIds.count, field: "newPosition")
        phases[card.phaseId]!.cardIds.removeAll { $0 == id }
        targetIds.insert(id, at: index)
        phases[newPhaseId]!.cardIds = targetIds
        cards[id]!.phaseId = newPhaseId
        cards[id]!.updatedDate = Timestamp.now(milliseconds: false)
    }

    /// Archive Card: allowed from any phase (the win phase included); archiving twice is a no-op.
    mutating func archiveCard(_ id: String) throws(WixError) {
        let card = try self.card(id)
        guard !card.archived else { return }
        phases[card.phaseId]?.cardIds.removeAll { $0 == id }
        workflows[card.workflowId]!.archivedCardIds.append(id)
        cards[id]!.archived = true
        cards[id]!.updatedDate = Timestamp.now(milliseconds: false)
    }

    mutating func restoreCard(_ id: String, _ body: WorkflowWire.MoveCardBody, rules: SiteRules) throws(WixError) {
        let card = try self.card(id)
        guard let newPhaseId = body.newPhaseId, !newPhaseId.isEmpty else { throw .invalid("newPhaseId", "is required") }
        guard card.archived else {
            throw .application(400, "CARD_NOT_ARCHIVED", "card \(id) is not archived")
        }
        let workflow = try self.workflow(card.workflowId)
        let target = try phase(newPhaseId)
        guard target.workflowId == card.workflowId else { throw .notFound("Phase", newPhaseId) }
        let index = try rules.insertionIndex(body.newPosition?.value, count: target.cardIds.count, field: "newPosition")
        if newPhaseId != workflow.winPhaseId {
            try checkActivation(workflow, contactId: card.contactId, excluding: id, rules: rules)
        }
        workflows[card.workflowId]!.archivedCardIds.removeAll { $0 == id }
        phases[newPhaseId]!.cardIds.insert(id, at: index)
        cards[id]!.archived = false
        cards[id]!.phaseId = newPhaseId
        cards[id]!.updatedDate = Timestamp.now(milliseconds: false)
    }

    mutating func deleteCard(_ id: String) throws(WixError) {
        _ = try card(id)
        removeCard(id)
    }

    /// Removes a card from its phase (or the archive), the contact index and the store.
    mutating func removeCard(_ id: String) {
        guard let card = cards[id] else { return }
        if card.archived {
            workflows[card.workflowId]?.archivedCardIds.removeAll { $0 == id }
        } else {
            phases[card.phaseId]?.cardIds.removeAll { $0 == id }
        }
        if let contactId = card.contactId { unindexCard(id, workflowId: card.workflowId, contactId: contactId) }
        cards[id] = nil
    }

    // MARK: Rules

    /// Active = in an active phase (not the win phase) and not archived.
    func isActive(_ card: StoredCard) -> Bool {
        !card.archived && workflows[card.workflowId]?.winPhaseId != card.phaseId
    }

    func activeCardCount(_ workflow: StoredWorkflow) -> Int {
        workflow.phaseIds.reduce(0) { $0 + (phases[$1]?.cardIds.count ?? 0) }
    }

    /// The checks for a card becoming active: 5,000 active cards (403), one active card per contact (409).
    func checkActivation(_ workflow: StoredWorkflow, contactId: String?, excluding cardId: String?, rules: SiteRules)
        throws(WixError) {
        guard activeCardCount(workflow) < rules.limits.activeCardsPerWorkflow else {
            throw .application(403, "ACTIVE_CARDS_LIMIT_REACHED",
                               "a workflow can have at most \(rules.limits.activeCardsPerWorkflow) active cards")
        }
        if let contactId { try checkContactFree(workflow.id, contactId: contactId, excluding: cardId) }
    }

    func checkContactFree(_ workflowId: String, contactId: String, excluding cardId: String?) throws(WixError) {
        for other in cardsByContact[workflowId]?[contactId] ?? [] where other != cardId {
            if let card = cards[other], isActive(card) {
                throw .application(409, "CONTACT_ALREADY_HAS_ACTIVE_CARD",
                                   "contact \(contactId) is already attached to an active card in this workflow")
            }
        }
    }

    mutating func indexCard(_ id: String, workflowId: String, contactId: String) {
        cardsByContact[workflowId, default: [:]][contactId, default: []].append(id)
    }

    mutating func unindexCard(_ id: String, workflowId: String, contactId: String) {
        cardsByContact[workflowId]?[contactId]?.removeAll { $0 == id }
        if cardsByContact[workflowId]?[contactId]?.isEmpty == true { cardsByContact[workflowId]?[contactId] = nil }
    }
}

extension StoredCard {
    var wire: WorkflowWire.Card {
        let attachment = contactId.map {
            WorkflowWire.Attachment(attachmentId: attachmentId, value: $0, attachmentType: "ContactType", contactId: $0)
        }
        return .init(info: .init(
            id: id, name: name, description: description, primaryAttachment: attachment, dueDate: dueDate,
            source: source, createdAt: createdDate, updatedAt: updatedDate, phaseId: phaseId,
            createdDate: createdDate, updatedDate: updatedDate))
    }

    func sortValue(_ field: String) -> String {
        switch field {
        case "id": id
        case "name": name ?? ""
        case "createdDate": createdDate
        case "updatedDate": updatedDate
        default: phaseId
        }
    }
}
