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
    /// Label and custom-field keys, known or learned by a definitions step.
    var definitionRefs: [DefinitionRef: IDRef] = [:]
    var definitionOrder: [DefinitionBinding] = []
    /// Record key → the contact values to remember when they differ from the lead's (the labels funnel owns).
    var boundContacts: [String: DesiredContact] = [:]
    /// Record key → its contact (known id or created by a step).
    var contactRefs: [String: IDRef] = [:]
    var contactSteps: [String: Int] = [:]
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
    }

    @discardableResult
    mutating func add(_ group: StepGroup, _ action: StepAction, _ address: String, before: [String: String]? = nil,
                      after: [String: String]? = nil, reason: String, provenance: Provenance = Provenance(),
                      dependsOn: [Int] = [], _ operation: StepOperation) -> Int {
        let id = steps.count + 1
        steps.append(PlanStep(id: id, group: group, action: action, address: address, before: before, after: after,
                              reason: reason, provenance: provenance, dependsOn: dependsOn.sorted(), operation: operation))
        return id
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

    func phaseName(_ ref: IDRef) -> String {
        if let id = ref.knownID { return phaseName(id) }
        if case .winPhaseOf = ref { return "Win" }
        return phaseRefs.first { $0.value == ref }?.key ?? "\(ref)"
    }

    mutating func bind(_ lead: DesiredLead, contact: IDRef, card: IDRef?, phase: IDRef?) {
        bindings.append(RecordBinding(key: lead.key, identity: lead.identity, contact: contact, card: card,
                                      target: lead.target, phase: phase, contactFields: boundContacts[lead.key] ?? lead.contact,
                                      cardName: lead.cardName, cardDescription: lead.cardDescription, cardDue: lead.cardDue))
    }

    /// Bindings with step references renumbered like `orderedSteps()`.
    func orderedBindings() -> [RecordBinding] {
        let map = renumbering()
        return bindings.map { binding in
            var binding = binding
            binding.contact = binding.contact.remapped(map)
            binding.card = binding.card?.remapped(map)
            binding.phase = binding.phase?.remapped(map)
            return binding
        }
    }

    func orderedPhaseBindings() -> [PhaseBinding] {
        let map = renumbering()
        return desired.phases.compactMap { phase in
            phaseRefs[phase.name].map { PhaseBinding(name: phase.name, stageId: phase.stageId, phase: $0.remapped(map)) }
        }
    }

    /// Steps bucketed by group, creation order kept inside each: linear, unlike a comparison sort.
    private func sortedSteps() -> [PlanStep] {
        var buckets = [[PlanStep]](repeating: [], count: StepGroup.allCases.count)
        let index = Dictionary(uniqueKeysWithValues: StepGroup.allCases.enumerated().map { ($0.element, $0.offset) })
        for step in steps { buckets[index[step.group]!].append(step) }
        return buckets.flatMap { $0 }
    }

    func renumbering() -> [Int: Int] {
        var newId: [Int: Int] = [:]
        for (index, step) in sortedSteps().enumerated() { newId[step.id] = index + 1 }
        return newId
    }

    /// Steps in group order (stable inside a group), renumbered 1… with dependencies remapped.
    func orderedSteps() -> [PlanStep] {
        let newId = renumbering()
        return sortedSteps().map { step in
            var step = step
            step.id = newId[step.id]!
            step.dependsOn = step.dependsOn.compactMap { newId[$0] }.sorted()
            step.operation = step.operation.remapped(newId)
            return step
        }
    }
}

extension IDRef {
    func remapped(_ map: [Int: Int]) -> IDRef {
        switch self {
        case .id: self
        case .created(let step): .created(step: map[step] ?? step)
        case .winPhaseOf(let step): .winPhaseOf(step: map[step] ?? step)
        }
    }
}

extension StepOperation {
    func remapped(_ map: [Int: Int]) -> StepOperation {
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
