import FunnelCore

/// Accumulates steps and findings while the planner walks the groups of DESIGN.md §4.
struct PlanBuilder {
    let desired: DesiredFunnel
    let live: LiveState
    let state: StateSnapshot
    let policy: PlanPolicy

    private(set) var steps: [PlanStep] = []
    var drift: [DriftItem] = []
    var conflicts: [RejectedRecord] = []
    var notes: [String] = []
    var problems: [String] = []
    var bindings: [RecordBinding] = []

    // Resolved as the groups are planned.
    var workflowRef: IDRef = .id("")
    var winRef: IDRef = .id("")
    var workflowStep: Int?
    /// Desired phase name → its Wix id (known, or created by a step).
    var phaseRefs: [String: IDRef] = [:]
    var phaseSteps: [String: Int] = [:]
    /// Live phases not in the config, in board order.
    var removedPhases: [LivePhase] = []
    /// Each lead's contact (known id or created by a step), by the lead's index in `desired.leads`:
    /// an array, not a dictionary by key (for a million leads: 2M buckets, and each key hashed twice).
    var contactRefs: [IDRef] = []
    /// Label and custom-field keys, known or learned by a definitions step.
    var definitionRefs: [DefinitionRef: IDRef] = [:]
    var definitionOrder: [DefinitionBinding] = []
    /// Record key → the contact values to remember when they differ from the lead's (the labels funnel owns).
    var boundContacts: [String: DesiredContact] = [:]
    /// Card ids claimed by a desired lead.
    var claimedCards: Set<String> = []
    /// Steps that take a card out of a phase (for phase removal dependencies): phase id → step ids.
    var movesOutOfPhase: [String: [Int]] = [:]
    /// Where each card ends: phase id, `win`, or archived; used for the limit checks.
    var finalCardPlacement: [String: Placement] = [:]
    var createdPlacements: [(contact: String, placement: Placement)] = []
    /// Objects the steps act on, for the saved plan's stale check.
    var touchedCards: Set<String> = []
    var touchedContacts: Set<String> = []
    /// Explanations many steps share (`stage "won" → $win`), one copy each: see `shared(_:)`.
    private var sharedTexts: Set<String> = []

    enum Placement: Hashable {
        case phase(String)
        case win
        case archived
    }

    let liveCardsById: [String: LiveCard]
    let livePhaseNames: [String: String]
    let ownedCardIds: Set<String>
    /// Record key by card id, from state (names a missing record in explanations).
    let recordKeyByCard: [String: String]

    init(desired: DesiredFunnel, live: LiveState, state: StateSnapshot, policy: PlanPolicy) {
        self.desired = desired
        self.live = live
        self.state = state
        self.policy = policy
        liveCardsById = Dictionary(live.cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var names = Dictionary(live.phases.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        if let win = live.winPhaseId { names[win] = "Win" }
        livePhaseNames = names
        let stateCards = Set(state.records.values.compactMap(\.cardId))
        ownedCardIds = Set(live.cards.filter { $0.source == desired.cardSource || stateCards.contains($0.id) }.map(\.id))
        var keys: [String: String] = [:]
        for record in state.records.values { if let card = record.cardId { keys[card] = record.key } }
        recordKeyByCard = keys
        for card in live.cards {
            finalCardPlacement[card.id] = card.archived ? .archived
                : (card.phaseId == live.winPhaseId ? .win : .phase(card.phaseId ?? ""))
        }
        // Sized once for the leads: growing these a doubling at a time copies them over and over.
        // A lead makes about two steps (its contact, its card); capacity never used is never touched.
        contactRefs = Array(repeating: .id(""), count: desired.leads.count)
        bindings.reserveCapacity(desired.leads.count)
        steps.reserveCapacity(2 * desired.leads.count + 2 * desired.phases.count + live.cards.count + live.phases.count + 2)
    }

    @discardableResult
    mutating func add(_ group: StepGroup, _ action: StepAction, _ address: StepAddress, before: StepValues? = nil,
                      after: StepValues? = nil, reason: String, provenance: Provenance = Provenance(),
                      dependsOn: [Int] = [], _ operation: StepOperation) -> Int {
        let id = steps.count + 1
        steps.append(PlanStep(id: id, group: group, action: action, place: address, values: (before, after),
                              reason: reason, provenance: provenance, dependsOn: dependsOn.count > 1 ? dependsOn.sorted() : dependsOn,
                              operation: operation))
        return id
    }

    /// One copy of a text that many steps repeat: half a million card steps each holding their own
    /// `stage "won" → $win` was ~30 MB of the planner's peak (issue #15). Only for texts drawn from a
    /// small set (stages × targets); a text unique to its record would only grow the set.
    mutating func shared(_ text: String) -> String {
        if let index = sharedTexts.firstIndex(of: text) { return sharedTexts[index] }
        sharedTexts.insert(text)
        return text
    }

    /// The step a reference waits for, if any.
    func dependency(_ ref: IDRef?) -> Int? {
        switch ref {
        case .created(let step), .winPhaseOf(let step): step
        default: nil
        }
    }

    /// Display name of a phase id (or of the win phase).
    func phaseName(_ id: String?) -> String {
        guard let id else { return "?" }
        return livePhaseNames[id] ?? id
    }

    /// Display name of a target phase: as the config names it, so a move into a phase that this plan
    /// renames shows the new name, not the one Wix shows until the rename is applied.
    func phaseName(_ ref: IDRef) -> String {
        if let name = phaseRefs.first(where: { $0.value == ref })?.key { return name }
        if let id = ref.knownID { return phaseName(id) }
        if case .winPhaseOf = ref { return "Win" }
        return "\(ref)"
    }

    mutating func bind(_ lead: DesiredLead, contact: IDRef, card: IDRef?, phase: IDRef?) {
        bindings.append(RecordBinding(key: lead.key, identity: lead.identity, contact: contact, card: card,
                                      target: lead.target, phase: phase, contactFields: boundContacts.isEmpty ? lead.contact : boundContacts[lead.key] ?? lead.contact,
                                      cardName: lead.cardName, cardDescription: lead.cardDescription, cardDue: lead.cardDue))
    }

    /// Each step's id once the steps are in group order (`newIds[id - 1]`): the steps are counted
    /// per group, then numbered in creation order inside their group — linear, unlike a comparison sort.
    func renumbering() -> [Int] {
        var next = [Int](repeating: 0, count: StepGroup.allCases.count)
        // By index, not `for step in steps`: that copies each step (a retain of every string in it).
        for index in steps.indices { next[steps[index].group.position] += 1 }
        var first = 1
        for index in next.indices { (next[index], first) = (first, first + next[index]) }
        var newIds: [Int] = []
        newIds.reserveCapacity(steps.count)
        for index in steps.indices {
            let position = steps[index].group.position
            newIds.append(next[position])
            next[position] += 1
        }
        return newIds
    }

    /// Bindings with step references renumbered like `orderedSteps(_:)`; takes them out of the builder.
    mutating func orderedBindings(_ newIds: [Int]) -> [RecordBinding] {
        var ordered: [RecordBinding] = []
        swap(&ordered, &bindings)
        for index in ordered.indices {
            ordered[index].contact = ordered[index].contact.remapped(newIds)
            ordered[index].card = ordered[index].card?.remapped(newIds)
            ordered[index].phase = ordered[index].phase?.remapped(newIds)
        }
        return ordered
    }

    func orderedPhaseBindings(_ newIds: [Int]) -> [PhaseBinding] {
        desired.phases.compactMap { phase in
            phaseRefs[phase.name].map { PhaseBinding(name: phase.name, stageId: phase.stageId, phase: $0.remapped(newIds)) }
        }
    }

    /// Steps in group order (stable inside a group), renumbered with `renumbering()`'s ids and their
    /// dependencies remapped. Takes the steps out of the builder and reorders them in place, so a large
    /// plan is never held twice.
    mutating func orderedSteps(_ newIds: [Int]) -> [PlanStep] {
        var ordered: [PlanStep] = []
        swap(&ordered, &steps)
        for index in ordered.indices {
            ordered[index].id = newIds[index]
            if !ordered[index].dependsOn.isEmpty {
                let dependsOn = ordered[index].dependsOn.compactMap { newIds.indices.contains($0 - 1) ? newIds[$0 - 1] : nil }
                ordered[index].dependsOn = dependsOn.count > 1 ? dependsOn.sorted() : dependsOn
            }
            ordered[index].operation = ordered[index].operation.remapped(newIds)
        }
        // Each swap puts one step at its final place (index id − 1): at most one swap per step.
        for index in ordered.indices {
            while ordered[index].id != index + 1 { ordered.swapAt(index, ordered[index].id - 1) }
        }
        return ordered
    }
}

extension StepGroup {
    /// Index in `allCases`: the group's place in apply's order.
    var position: Int { Self.allCases.firstIndex(of: self)! }
}

extension IDRef {
    /// The reference with its step renumbered (`newIds[step - 1]`).
    func remapped(_ newIds: [Int]) -> IDRef {
        switch self {
        case .id: self
        case .created(let step): .created(step: newIds.indices.contains(step - 1) ? newIds[step - 1] : step)
        case .winPhaseOf(let step): .winPhaseOf(step: newIds.indices.contains(step - 1) ? newIds[step - 1] : step)
        }
    }
}

extension StepOperation {
    func remapped(_ map: [Int]) -> StepOperation {
        switch self {
        case .createPhase(let workflow, let name, let position):
            .createPhase(workflow: workflow.remapped(map), name: name, position: position)
        case .createCard(let workflow, let phase, let contact, let name, let description, let source, let key, let due):
            .createCard(workflow: workflow.remapped(map), phase: phase.remapped(map), contact: contact.remapped(map),
                        name: name, description: description, source: source, recordKey: key, due: due)
        case .moveCard(let card, let phase): .moveCard(card: card, phase: phase.remapped(map))
        case .restoreCard(let card, let phase): .restoreCard(card: card, phase: phase.remapped(map))
        case .updateCard(let card, let name, let description, let contact, let source, let due):
            .updateCard(card: card, name: name, description: description, contact: contact.remapped(map), source: source, due: due)
        default: self
        }
    }
}
