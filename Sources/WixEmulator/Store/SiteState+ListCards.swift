/// Query parameters of List Cards.
struct CardListQuery: Sendable {
    var phaseId: String?
    var attachmentValue: String?
    var fetchArchived = false
    var limit: Int?
    var offset: Int?
    var sort: [String] = []
}

/// Workflows v1: List Cards. The default order is display order (active phases left to right,
/// then the win phase; top to bottom within a phase). Unsorted pages are cut straight out of the
/// per-phase lists, so a page of 100 out of 5,000 touches only the phases before it and 100 cards.
extension SiteState {
    func listCards(workflowId: String, _ query: CardListQuery, rules: SiteRules) throws(WixError) -> WorkflowWire.ListCards {
        let workflow = try self.workflow(workflowId)
        let window = try PageWindow(limit: query.limit, offset: query.offset, defaultLimit: rules.pageSizes.cardsDefault,
                                    maxLimit: rules.pageSizes.cardsMax,
                                    rejectOversized: rules.rejectsOversizedPages)
        let keys = try SortKey.parse(query.sort, allowed: Self.cardSortFields)
        let phaseId = query.phaseId.flatMap { $0.isEmpty ? nil : $0 }
        if let phaseId {
            guard phases[phaseId]?.workflowId == workflowId else { throw .notFound("Phase", phaseId) }
            if query.fetchArchived && rules.strictness.rejectPhaseFilterOnArchived {
                throw .invalid("phaseId", "cannot be combined with fetchArchived=true", rule: "CUSTOM")
            }
        }
        let displayPhases = workflow.phaseIds + [workflow.winPhaseId]

        // Candidate ids in default order, or nil for "every non-archived card" (paged lazily).
        var candidates: [String]?
        if query.fetchArchived {
            candidates = workflow.archivedCardIds.filter { id in
                guard let card = cards[id] else { return false }
                return (phaseId == nil || card.phaseId == phaseId)
                    && (query.attachmentValue == nil || card.contactId == query.attachmentValue)
            }
        } else if let contactId = query.attachmentValue {
            let rank = Dictionary(uniqueKeysWithValues: displayPhases.enumerated().map { ($1, $0) })
            let mine = (cardsByContact[workflowId]?[contactId] ?? []).compactMap { cards[$0] }
                .filter { !$0.archived && (phaseId == nil || $0.phaseId == phaseId) }
            candidates = mine.map { card in
                (card.id, rank[card.phaseId] ?? .max, phases[card.phaseId]?.cardIds.firstIndex(of: card.id) ?? 0)
            }.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
        } else if let phaseId {
            candidates = phases[phaseId]!.cardIds
        }

        let total: Int
        var pageIds: [String]
        if keys.isEmpty, let candidates {
            total = candidates.count
            pageIds = Array(candidates[window.range(total: total)])
        } else if keys.isEmpty {
            total = displayPhases.reduce(0) { $0 + (phases[$1]?.cardIds.count ?? 0) }
            pageIds = displayPageIds(displayPhases, range: window.range(total: total))
        } else {
            let all = candidates ?? displayPhases.flatMap { phases[$0]?.cardIds ?? [] }
            let position = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
            let sorted = all.compactMap { cards[$0] }.sorted { lhs, rhs in
                SortKey.compare(keys, { lhs.sortValue($0) }, { rhs.sortValue($0) }) ?? (position[lhs.id]! < position[rhs.id]!)
            }
            total = sorted.count
            pageIds = sorted[window.range(total: total)].map(\.id)
        }
        let page = pageIds.compactMap { cards[$0]?.wire }
        return .init(cards: page,
                     pagination: .init(offset: window.offset, limit: window.limit, total: total, count: page.count))
    }

    /// The ids at `range` of the concatenation of the phases' card lists, without building it.
    private func displayPageIds(_ phaseIds: [String], range: Range<Int>) -> [String] {
        var result: [String] = []
        result.reserveCapacity(range.count)
        var start = 0
        for phaseId in phaseIds where result.count < range.count {
            guard let ids = phases[phaseId]?.cardIds else { continue }
            let end = start + ids.count
            let lower = max(range.lowerBound, start), upper = min(range.upperBound, end)
            if lower < upper { result.append(contentsOf: ids[(lower - start)..<(upper - start)]) }
            start = end
        }
        return result
    }
}
