public import FunnelCore

extension PlanBuilder {
    /// Wix's rules, checked before anything is written: 5,000 active cards per workflow and one
    /// active card per contact (60 phases is checked while planning phases).
    func checkLimits() throws(PlanningError) {
        var problems = self.problems
        var activeByContact: [String: Int] = [:]
        var active = 0
        func count(_ contact: String?, _ placement: Placement) {
            guard case .phase = placement else { return }
            active += 1
            if let contact { activeByContact[contact, default: 0] += 1 }
        }
        for card in live.cards { count(card.contactId, finalCardPlacement[card.id] ?? .archived) }
        for created in createdPlacements { count(created.contact, created.placement) }
        if active > 5000 {
            problems.append("the plan would leave \(active) active cards in the workflow; Wix allows 5,000 (archive or win some leads first)")
        }
        let crowded = activeByContact.filter { $0.value > 1 }.keys.sorted()
        if !crowded.isEmpty {
            problems.append("the plan would give \(crowded.count) contact(s) more than one active card (Wix allows one per contact): \(crowded.prefix(5).joined(separator: ", "))")
        }
        if !problems.isEmpty { throw PlanningError(problems) }
    }

    /// `policy.max_archive`: refuse (exit 3) a plan that archives more than the limit
    /// (`PlanPolicy.ArchiveLimit.allowed`); `--allow-large-changes` turns the refusal into a note.
    func blastRadiusGate() -> GateVerdict? {
        var archives = 0
        for index in steps.indices where steps[index].action == .archiveCard { archives += 1 }
        guard archives > 0 else { return nil }
        let ownedLive = live.cards.filter { ownedCardIds.contains($0.id) && !$0.archived }.count
        let limit = policy.maxArchive.allowed(ownedLive: ownedLive)
        guard archives > limit else { return nil }
        let limitText: String = switch policy.maxArchive {
        case .count: Self.cards(limit)
        case .percent(let percent) where percent > 0:
            "\(formatPercent(percent))% of \(Self.cards(ownedLive, owned: true)) = \(Self.cards(limit)) (rounded up, at least 1)"
        case .percent: "0% (no archive)"
        }
        let share = ownedLive > 0 ? " (\(Int((Double(archives) * 100 / Double(ownedLive)).rounded()))% of the \(Self.cards(ownedLive, owned: true)))" : ""
        let location = policy.maxArchiveLocation.map { " (\($0))" } ?? ""
        let refused = !policy.allowLargeChanges
        let override = switch policy.gateOverride {
        case .flag: "re-run with --allow-large-changes if this is intended."
        case .unattended: "if this is intended, apply it once with `funnel apply --allow-large-changes`, or raise policy.max_archive."
        }
        let message = "this plan archives \(Self.cards(archives))\(share), more than policy.max_archive\(location) allows: \(limitText). "
            + (refused ? "Nothing will be applied; \(override)" : "Allowed by --allow-large-changes.")
        return GateVerdict(refused: refused, message: message)
    }

    /// "1 card", "2 cards", "6 owned cards".
    private static func cards(_ count: Int, owned: Bool = false) -> String {
        "\(count) \(owned ? "owned " : "")card\(count == 1 ? "" : "s")"
    }

    func unownedCards() -> [UnownedCard] {
        live.cards.filter { !ownedCardIds.contains($0.id) }.map { card in
            UnownedCard(cardId: card.id, name: card.name, source: card.source,
                        phase: card.archived ? nil : phaseName(card.phaseId), archived: card.archived)
        }
    }

    /// The workflow, its phases, and every card and contact a step acts on, with the version seen.
    func observedObjects(steps: [PlanStep]) -> [ObservedObject] {
        var observed: [ObservedObject] = []
        if let workflow = live.workflow {
            observed.append(ObservedObject(kind: .workflow, id: workflow.id, address: Address.workflow,
                                           version: PlanVersions.workflow(workflow)))
        }
        for (index, phase) in live.phases.enumerated() {
            observed.append(ObservedObject(kind: .phase, id: phase.id, address: Address.phase(phase.name),
                                           version: PlanVersions.phase(name: phase.name, position: index)))
        }
        var addressByCard: [String: String] = [:], addressByContact: [String: String] = [:]
        for index in steps.indices {
            switch steps[index].operation {
            case .updateContact(let contact, _, _) where addressByContact[contact] == nil:
                addressByContact[contact] = steps[index].address
            case let operation:
                if let card = operation.cardId, addressByCard[card] == nil { addressByCard[card] = steps[index].address }
            }
        }
        for id in touchedCards.sorted() {
            guard let card = liveCardsById[id] else { continue }
            observed.append(ObservedObject(kind: .card, id: id, address: addressByCard[id] ?? "card[id=\(id)]",
                                           version: PlanVersions.card(card)))
        }
        for id in touchedContacts.sorted() {
            guard let contact = live.contacts[id] else { continue }
            observed.append(ObservedObject(kind: .contact, id: id, address: addressByContact[id] ?? "contact[id=\(id)]",
                                           version: PlanVersions.contact(contact)))
        }
        return observed
    }

    private func formatPercent(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

extension StepOperation {
    /// The existing card a step acts on.
    public var cardId: String? {
        switch self {
        case .moveCard(let card, _), .archiveCard(let card), .restoreCard(let card, _): card
        case .updateCard(let card, _, _, _, _, _): card
        default: nil
        }
    }
}
