import Foundation

/// Workflows v1: workflow operations (wix-api.md §3.3 "Workflows").
extension SiteState {
    static let workflowSortFields: Set<String> = ["id", "name", "description", "createdDate"]

    mutating func createWorkflow(_ body: WorkflowWire.WorkflowBody, rules: SiteRules) throws(WixError) -> String {
        guard let name = body.workflow?.name, !name.isEmpty else { throw .invalid("workflow.name", "is required") }
        guard workflows.count < rules.limits.workflowsPerSite else {
            throw .application(403, "WORKFLOWS_LIMIT_REACHED",
                               "a site can have at most \(rules.limits.workflowsPerSite) workflows")
        }
        let id = newId()
        let winPhaseId = newId()
        phases[winPhaseId] = StoredPhase(id: winPhaseId, workflowId: id, name: "Win", cardIds: [])
        workflows[id] = StoredWorkflow(
            id: id, name: name, description: body.workflow?.description, createdDate: Timestamp.now(),
            winPhaseId: winPhaseId, phaseIds: [], archivedCardIds: [], sequence: nextSequence)
        nextSequence += 1
        return id
    }

    func workflow(_ id: String) throws(WixError) -> StoredWorkflow {
        guard let workflow = workflows[id] else { throw .notFound("Workflow", id) }
        return workflow
    }

    func listWorkflows(limit: Int?, offset: Int?, sort: [String], rules: SiteRules) throws(WixError) -> WorkflowWire.ListWorkflows {
        // REST: an omitted limit returns all results; we cap "all" at the maximum page size.
        let window = try PageWindow(limit: limit, offset: offset, defaultLimit: rules.pageSizes.workflowsMax,
                                    maxLimit: rules.pageSizes.workflowsMax,
                                    rejectOversized: rules.rejectsOversizedPages)
        var keys = try SortKey.parse(sort, allowed: Self.workflowSortFields)
        if keys.isEmpty { keys = [SortKey(field: "name", descending: false)] }
        let sorted = workflows.values.sorted { lhs, rhs in
            SortKey.compare(keys, { lhs.sortValue($0) }, { rhs.sortValue($0) }) ?? (lhs.sequence < rhs.sequence)
        }
        let page = sorted[window.range(total: sorted.count)].map(\.wireInfo)
        return .init(workflows: page,
                     pagination: .init(offset: window.offset, limit: window.limit, total: sorted.count, count: page.count))
    }

    func getWorkflow(_ id: String, cardsPerPhase: Int?) throws(WixError) -> WorkflowWire.Workflow {
        let workflow = try self.workflow(id)
        if let cardsPerPhase, cardsPerPhase < 0 {
            throw .invalid("cardsPerPhase", "must be at least 0, got \(cardsPerPhase)", rule: "MIN")
        }
        let perPhase = cardsPerPhase ?? 10
        let active = workflow.phaseIds.compactMap { phases[$0] }.map { wirePhase($0, cards: perPhase) }
        return .init(info: workflow.wireInfo,
                     winPhase: wirePhase(phases[workflow.winPhaseId]!, cards: perPhase),
                     phasesList: .init(total: active.count, phases: active))
    }

    mutating func updateWorkflow(_ id: String, _ body: WorkflowWire.WorkflowBody) throws(WixError) {
        _ = try workflow(id)
        if let name = body.workflow?.name {
            guard !name.isEmpty else { throw .invalid("workflow.name", "must not be empty", rule: "MIN_LENGTH") }
            workflows[id]!.name = name
        }
        if let description = body.workflow?.description { workflows[id]!.description = description }
    }

    mutating func deleteWorkflow(_ id: String) throws(WixError) {
        let workflow = try self.workflow(id)
        for phaseId in workflow.phaseIds + [workflow.winPhaseId] {
            for cardId in phases[phaseId]?.cardIds ?? [] { cards[cardId] = nil }
            phases[phaseId] = nil
        }
        for cardId in workflow.archivedCardIds { cards[cardId] = nil }
        cardsByContact[id] = nil
        workflows[id] = nil
    }

    func wirePhase(_ phase: StoredPhase, cards count: Int) -> WorkflowWire.Phase {
        let shown = phase.cardIds.prefix(count).compactMap { cards[$0] }.map(\.wire)
        return .init(info: .init(id: phase.id, name: phase.name),
                     cardsList: .init(total: phase.cardIds.count, cards: shown))
    }

    func newId() -> String { UUID().uuidString.lowercased() }
}

extension StoredWorkflow {
    var wireInfo: WorkflowWire.WorkflowInfo {
        .init(id: id, name: name, description: description ?? "", createdAt: createdDate, isDeletable: true,
              createdDate: createdDate)
    }

    func sortValue(_ field: String) -> String {
        switch field {
        case "id": id
        case "name": name
        case "description": description ?? ""
        default: createdDate
        }
    }
}
