import FunnelCore

/// Workflows v1: phase operations (wix-api.md §3.3 "Phases").
extension SiteState {
    static let phaseSortFields: Set<String> = ["id", "name"]

    mutating func createPhase(workflowId: String, _ body: WorkflowWire.PhaseBody, rules: SiteRules) throws(WixError) -> String {
        let workflow = try self.workflow(workflowId)
        guard let name = body.phase?.name, !name.isEmpty else { throw .invalid("phase.name", "is required") }
        guard workflow.phaseIds.count < rules.limits.phasesPerWorkflow else {
            throw .application(403, "PHASES_LIMIT_REACHED",
                               "a workflow can have at most \(rules.limits.phasesPerWorkflow) phases")
        }
        let index = try rules.insertionIndex(body.position?.value, count: workflow.phaseIds.count, field: "position")
        let id = newId()
        phases[id] = StoredPhase(id: id, workflowId: workflowId, name: name, cardIds: [])
        workflows[workflowId]!.phaseIds.insert(id, at: index)
        return id
    }

    func phase(_ id: String) throws(WixError) -> StoredPhase {
        guard let phase = phases[id] else { throw .notFound("Phase", id) }
        return phase
    }

    func listPhases(workflowId: String, limit: Int?, offset: Int?, sort: [String], rules: SiteRules)
        throws(WixError) -> WorkflowWire.ListPhases {
        let workflow = try self.workflow(workflowId)
        let window = try PageWindow(limit: limit, offset: offset, defaultLimit: rules.pageSizes.phasesDefault,
                                    maxLimit: rules.pageSizes.phasesMax,
                                    rejectOversized: rules.rejectsOversizedPages)
        let keys = try SortKey.parse(sort, allowed: Self.phaseSortFields)
        var ordered = workflow.phaseIds.compactMap { phases[$0] }
        if !keys.isEmpty {
            let position = Dictionary(uniqueKeysWithValues: workflow.phaseIds.enumerated().map { ($1, $0) })
            ordered.sort { lhs, rhs in
                SortKey.compare(keys, { lhs.sortValue($0) }, { rhs.sortValue($0) })
                    ?? (position[lhs.id]! < position[rhs.id]!)
            }
        }
        let page = ordered[window.range(total: ordered.count)].map { wirePhase($0, cards: rules.phaseCardsPreview) }
        return .init(phases: page,
                     pagination: .init(offset: window.offset, limit: window.limit, total: ordered.count, count: page.count))
    }

    mutating func updatePhase(_ id: String, _ body: WorkflowWire.PhaseBody) throws(WixError) {
        _ = try phase(id)
        if let name = body.phase?.name {
            guard !name.isEmpty else { throw .invalid("phase.name", "must not be empty", rule: "MIN_LENGTH") }
            phases[id]!.name = name
        }
    }

    mutating func movePhase(workflowId: String, _ id: String, _ body: WorkflowWire.MovePhaseBody, rules: SiteRules)
        throws(WixError) {
        let workflow = try self.workflow(workflowId)
        let phase = try self.phase(id)
        guard phase.workflowId == workflowId else { throw .notFound("Phase", id) }
        guard let position = body.newPosition?.value else { throw .invalid("newPosition", "is required") }
        guard id != workflow.winPhaseId else {
            throw .application(400, "WIN_PHASE_CANNOT_BE_MOVED", "the win phase cannot be moved")
        }
        var order = workflow.phaseIds
        let current = order.firstIndex(of: id) ?? order.count
        order.removeAll { $0 == id }
        // `move-phase-before-removal`: the position names a slot of the order before the phase left
        // it, so a move to the right lands one further left than the documented reading.
        let counted = rules.plays(.movePhaseBeforeRemoval) && position > current ? position - 1 : position
        let index = try rules.insertionIndex(counted, count: order.count, field: "newPosition")
        order.insert(id, at: index)
        workflows[workflowId]!.phaseIds = order
    }

    /// Deletes the phase and the cards in it ("Deletes a phase and its cards"). Archived cards whose
    /// last phase it was stay archived (restore needs `newPhaseId` anyway).
    mutating func deletePhase(_ id: String) throws(WixError) {
        let phase = try self.phase(id)
        let workflow = try self.workflow(phase.workflowId)
        guard id != workflow.winPhaseId else {
            throw .application(400, "WIN_PHASE_CANNOT_BE_DELETED", "the win phase cannot be deleted")
        }
        for cardId in phase.cardIds { removeCard(cardId) }
        workflows[workflow.id]!.phaseIds.removeAll { $0 == id }
        phases[id] = nil
    }
}

extension StoredPhase {
    func sortValue(_ field: String) -> String { field == "id" ? id : name }
}
