import FunnelCore

extension PlanBuilder {
    /// Group 4: each lead's card is created, moved, won, archived, restored or updated.
    mutating func planCards() {
        let cardsByContact = Dictionary(grouping: live.cards.filter { $0.contactId != nil }, by: { $0.contactId! })
        for (index, lead) in desired.leads.enumerated() {
            let record = state.records[lead.key]
            let contactRef = contactRefs[index]
            let contactId = contactRef.knownID
            let card = findCard(for: lead, record: record, contactId: contactId, cardsByContact: cardsByContact)
            if let card { claimedCards.insert(card.id) }
            let targetRef = targetPhase(lead.target)

            guard let card else {
                guard let targetRef else { // a lost lead never seen: nothing to archive
                    bind(lead, contact: contactRef, card: nil, phase: nil)
                    continue
                }
                if case .phase = lead.target, let contactId,
                   let blocker = activeCard(of: contactId, excluding: nil, in: cardsByContact) {
                    conflicts.append(RejectedRecord(
                        key: lead.key,
                        reason: "its contact already has an active card \"\(blocker.name)\" (source: \(blocker.source ?? "none")) that funnel does not own; Wix allows one active card per contact",
                        location: lead.provenance.record))
                    continue
                }
                let dependsOn = [dependency(contactRef), dependency(targetRef), workflowStep].compactMap { $0 }
                var after: StepValues = ["name": lead.cardName, "phase": phaseName(targetRef)]
                after["due"] = lead.cardDue
                let step = add(.cardCreate, .createCard, .card(key: lead.key), after: after,
                    reason: shared("stage \"\(lead.stage)\" → \(lead.target.text)"), provenance: lead.provenance,
                    dependsOn: dependsOn,
                    .createCard(workflow: workflowRef, phase: targetRef, contact: contactRef, name: lead.cardName,
                                description: lead.cardDescription, source: desired.cardSource, recordKey: lead.key,
                                due: lead.cardDue))
                createdPlacements.append((contact: contactId ?? "new:\(lead.key)", placement: placement(of: targetRef)))
                bind(lead, contact: contactRef, card: .created(step: step), phase: targetRef)
                continue
            }
            if planPlacement(lead: lead, card: card, record: record, targetRef: targetRef, cardsByContact: cardsByContact) {
                bind(lead, contact: contactRef, card: .id(card.id), phase: targetRef)
            }
            planCardFields(lead: lead, card: card, record: record, contactRef: contactRef)
        }
    }

    /// The lead's card: the one state remembers, else an owned card of its contact (adoption),
    /// preferring an active one, then the most recently updated archived one.
    private func findCard(for lead: DesiredLead, record: RecordState?, contactId: String?,
                          cardsByContact: [String: [LiveCard]]) -> LiveCard? {
        if let id = record?.cardId, let card = liveCardsById[id], !claimedCards.contains(id) { return card }
        guard let contactId else { return nil }
        let owned = (cardsByContact[contactId] ?? []).filter { ownedCardIds.contains($0.id) && !claimedCards.contains($0.id) }
        return owned.first { !$0.archived }
            ?? owned.filter(\.archived).max { ($0.updatedDate ?? "") < ($1.updatedDate ?? "") }
    }

    private func activeCard(of contactId: String, excluding cardId: String?, in cardsByContact: [String: [LiveCard]]) -> LiveCard? {
        (cardsByContact[contactId] ?? []).first { card in
            card.id != cardId && !card.archived && card.phaseId != live.winPhaseId && !ownedCardIds.contains(card.id)
        }
    }

    func targetPhase(_ target: TargetRef) -> IDRef? {
        switch target {
        case .archive: nil
        case .win: winRef
        case .phase(let name): phaseRefs[name]
        }
    }

    private func placement(of ref: IDRef?) -> Placement {
        guard let ref else { return .archived }
        if ref == winRef { return .win }
        return .phase(ref.knownID ?? "\(ref)")
    }

    /// Plans the card's phase; false when a conflict keeps the lead out of the plan.
    private mutating func planPlacement(lead: DesiredLead, card: LiveCard, record: RecordState?, targetRef: IDRef?,
                                        cardsByContact: [String: [LiveCard]]) -> Bool {
        let address = StepAddress.card(key: lead.key)
        let currentName = card.archived ? "archived" : phaseName(card.phaseId)
        if card.archived {
            guard let targetRef else { return true }
            if case .phase = lead.target, let contact = card.contactId,
               let blocker = activeCard(of: contact, excluding: card.id, in: cardsByContact) {
                conflicts.append(RejectedRecord(
                    key: lead.key,
                    reason: "cannot restore its card: the contact has another active card \"\(blocker.name)\" that funnel does not own",
                    location: lead.provenance.record))
                return false
            }
            touchedCards.insert(card.id)
            finalCardPlacement[card.id] = placement(of: targetRef)
            add(.cardMove, .restoreCard, address, before: ["phase": "archived"], after: ["phase": phaseName(targetRef)],
                reason: shared("lead is back: stage \"\(lead.stage)\" → \(lead.target.text)"), provenance: lead.provenance,
                dependsOn: [dependency(targetRef)].compactMap { $0 }, .restoreCard(card: card.id, phase: targetRef))
            return true
        }
        guard let targetRef else {
            touchedCards.insert(card.id)
            finalCardPlacement[card.id] = .archived
            add(.cardArchive, .archiveCard, address, before: ["phase": currentName], after: ["phase": "archived"],
                reason: shared("stage \"\(lead.stage)\" maps to $archive"), provenance: lead.provenance,
                .archiveCard(card: card.id))
            if let phase = card.phaseId { movesOutOfPhase[phase, default: []].append(steps.count) }
            return true
        }
        if let target = targetRef.knownID, target == card.phaseId { return true }
        let lastPhase = record?.cardId == card.id ? record?.phaseId : nil
        let movedByHand = lastPhase != nil && lastPhase != card.phaseId && targetRef.knownID == lastPhase
        if movedByHand {
            let description = "moved by hand in Wix from \(phaseName(lastPhase)) to \(currentName)"
            guard policy.drift == .revert else {
                drift.append(DriftItem(address: address.description, description: description, resolution: "keep"))
                return true
            }
            drift.append(DriftItem(address: address.description, description: description, resolution: "revert"))
        }
        touchedCards.insert(card.id)
        finalCardPlacement[card.id] = placement(of: targetRef)
        let action: StepAction = lead.target == .win ? .winCard : .moveCard
        let reason = movedByHand ? "drift: card was moved by hand; policy.drift is revert"
            : shared("stage \"\(lead.stage)\" → \(lead.target.text)")
        var provenance = lead.provenance
        if movedByHand { provenance.config = policy.driftLocation ?? provenance.config }
        add(.cardMove, action, address, before: ["phase": currentName], after: ["phase": phaseName(targetRef)],
            reason: reason, provenance: provenance, dependsOn: [dependency(targetRef)].compactMap { $0 },
            .moveCard(card: card.id, phase: targetRef))
        if let phase = card.phaseId { movesOutOfPhase[phase, default: []].append(steps.count) }
        return true
    }

    private mutating func planCardFields(lead: DesiredLead, card: LiveCard, record: RecordState?, contactRef: IDRef) {
        if lead.target == .archive && (card.archived || finalCardPlacement[card.id] == .archived) { return }
        if card.archived, targetPhase(lead.target) == nil { return }
        let wantedDescription = lead.cardDescription ?? card.description
        let contactChanged = contactRef.knownID != card.contactId
        let nameChanged = card.name != lead.cardName
        let descriptionChanged = (card.description ?? "") != (wantedDescription ?? "")
        // `card.due` owns the due date while it maps one; an empty value leaves Wix's alone.
        let dueChanged = lead.cardDue.map { $0 != card.dueDate } ?? false
        guard nameChanged || descriptionChanged || contactChanged || dueChanged || card.source != desired.cardSource else { return }
        let remembered = record?.cardId == card.id ? record : nil
        let editedByHand = remembered.map { record in
            (nameChanged && record.cardName != nil && record.cardName == lead.cardName)
                || (descriptionChanged && record.cardDescription != nil && record.cardDescription == wantedDescription)
        } ?? false
        let address = StepAddress.card(key: lead.key)
        if editedByHand {
            guard policy.drift == .revert else {
                drift.append(DriftItem(address: address.description, description: "card edited by hand in Wix",
                                       resolution: "keep"))
                return
            }
            drift.append(DriftItem(address: address.description, description: "card edited by hand in Wix",
                                   resolution: "revert"))
        }
        var before: StepValues = [:], after: StepValues = [:]
        if nameChanged { before["name"] = card.name; after["name"] = lead.cardName }
        if descriptionChanged { before["description"] = card.description ?? ""; after["description"] = wantedDescription ?? "" }
        if contactChanged { before["contact"] = card.contactId ?? ""; after["contact"] = "\(contactRef)" }
        if card.source != desired.cardSource { before["source"] = card.source ?? ""; after["source"] = desired.cardSource }
        if dueChanged { before["due"] = card.dueDate ?? ""; after["due"] = lead.cardDue ?? "" }
        touchedCards.insert(card.id)
        add(.cardUpdate, .updateCard, address, before: before, after: after,
            reason: editedByHand ? "drift: card was edited by hand; policy.drift is revert" : "card fields changed in the source",
            provenance: lead.provenance, dependsOn: [dependency(contactRef)].compactMap { $0 },
            .updateCard(card: card.id, name: lead.cardName, description: wantedDescription, contact: contactRef,
                        source: desired.cardSource, due: lead.cardDue))
    }

    /// Owned cards whose record left the source: archived (policy.missing: archive) or kept.
    mutating func planMissingCards() {
        for card in live.cards where ownedCardIds.contains(card.id) && !claimedCards.contains(card.id) && !card.archived {
            let key = recordKeyByCard[card.id]
            if case .records(let keys) = desired.scope, !(key.map(keys.contains) ?? false) { continue }
            let address = key.map { StepAddress.card(key: $0) } ?? .text("card[id=\(card.id)]")
            let who = key.map { "record \($0)" } ?? "the record behind card \"\(card.name)\""
            guard policy.missing == .archive else {
                notes.append("\(address) (\(card.name)): \(who) is no longer in the source; kept (policy.missing is keep)")
                continue
            }
            touchedCards.insert(card.id)
            finalCardPlacement[card.id] = .archived
            add(.cardArchive, .archiveCard, address, before: ["phase": phaseName(card.phaseId)], after: ["phase": "archived"],
                reason: "\(who) is no longer in the source; policy.missing is archive",
                provenance: Provenance(recordKey: key, config: policy.missingLocation), .archiveCard(card: card.id))
            if let phase = card.phaseId { movesOutOfPhase[phase, default: []].append(steps.count) }
        }
    }

    /// Group 5: phases no longer in the config are deleted once their cards have moved out — never
    /// while a card funnel does not own (or keeps) would be deleted with them.
    mutating func planPhaseRemoval() {
        guard desired.scope == .all else { return }
        for phase in removedPhases {
            let remaining = live.cards.filter { card in
                guard case .phase(let id) = finalCardPlacement[card.id] ?? .archived else { return false }
                return id == phase.id
            }
            guard policy.deletePhases else {
                notes.append("phase \"\(phase.name)\" is not in funnel.yaml; kept (policy.delete_phases is false)")
                continue
            }
            guard remaining.isEmpty else {
                let names = remaining.prefix(3).map { "\"\($0.name)\"" }.joined(separator: ", ")
                notes.append("phase \"\(phase.name)\" is not in funnel.yaml but still holds \(remaining.count) card(s) funnel will not move (\(names)); it is kept, since deleting a phase deletes its cards")
                continue
            }
            let moved = movesOutOfPhase[phase.id] ?? []
            add(.phaseRemoval, .deletePhase, .text(Address.phase(phase.name)), before: ["name": phase.name],
                reason: moved.isEmpty ? "phase \"\(phase.name)\" is not in funnel.yaml and holds no cards"
                    : "phase \"\(phase.name)\" is not in funnel.yaml; its \(moved.count) card(s) are moved out first",
                dependsOn: moved, .deletePhase(phase: phase.id))
        }
    }
}
