/// Where each card of a site sits in its list — a phase's cards top to bottom, or a workflow's archived
/// cards oldest first — as a number stored on the card's row, so that placing a card changes that one
/// row instead of the whole list.
///
/// A placed card gets a number between its neighbours' (the midpoint, or one past the end). When two
/// neighbours are too close for a midpoint (about 50 insertions at one spot), the list is renumbered
/// 0, 1, 2, …: the one write that costs the whole list, and a rare one.
struct CardPositions: Sendable {
    private var keys: [String: Double] = [:]

    subscript(id: String) -> Double? {
        get { keys[id] }
        set { keys[id] = newValue }
    }

    /// Gives the cards `ids` (the ones a write set) positions that order their lists in `state` as
    /// they are in memory. Returns the other cards whose positions changed too (a renumbered list).
    mutating func place(_ ids: Set<String>, in state: SiteState) -> Set<String> {
        var lists: [List: [String]] = [:]
        for id in ids {
            guard let card = state.cards[id] else { keys[id] = nil; continue }
            lists[card.archived ? .archive(card.workflowId) : .phase(card.phaseId), default: []].append(id)
        }
        var renumbered = Set<String>()
        for (list, members) in lists {
            renumbered.formUnion(place(members, in: list.ids(in: state)))
        }
        return renumbered
    }

    private mutating func place(_ members: [String], in order: [String]) -> Set<String> {
        let pending = Set(members)
        var found: [(index: Int, id: String)]
        if members.count > 8 {
            let index = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            found = members.compactMap { id in index[id].map { ($0, id) } }
        } else {
            found = members.compactMap { id in order.firstIndex(of: id).map { ($0, id) } }
        }
        // A card in no list (its phase is gone) is never listed; any position will do.
        for id in members where keys[id] == nil { keys[id] = 0 }
        found.sort { $0.index < $1.index }
        var placed = Set<String>()
        for (index, id) in found {
            // The left neighbour is either untouched or placed just before; on the right, skip the
            // touched cards not placed yet (their numbers are stale).
            var next = index + 1
            while next < order.count, pending.contains(order[next]), !placed.contains(order[next]) { next += 1 }
            let left = index > 0 ? keys[order[index - 1]] : nil
            let right = next < order.count ? keys[order[next]] : nil
            guard (index == 0 || left != nil) && (next == order.count || right != nil),
                  let key = Self.between(left, right) else {
                return renumber(order, except: pending)
            }
            keys[id] = key
            placed.insert(id)
        }
        return []
    }

    private mutating func renumber(_ order: [String], except pending: Set<String>) -> Set<String> {
        var changed = Set<String>()
        for (index, id) in order.enumerated() where keys[id] != Double(index) {
            keys[id] = Double(index)
            if !pending.contains(id) { changed.insert(id) }
        }
        return changed
    }

    /// A number strictly between `left` and `right` (either may be absent), or nil when there is none.
    static func between(_ left: Double?, _ right: Double?) -> Double? {
        switch (left, right) {
        case (nil, nil): return 0
        case (let left?, nil): return left + 1
        case (nil, let right?): return right - 1
        case (let left?, let right?):
            let middle = left / 2 + right / 2
            return left < middle && middle < right ? middle : nil
        }
    }

    /// A list of card ids in a site.
    private enum List: Hashable {
        case phase(String), archive(String)

        func ids(in state: SiteState) -> [String] {
            switch self {
            case .phase(let id): state.phases[id]?.cardIds ?? []
            case .archive(let workflowId): state.workflows[workflowId]?.archivedCardIds ?? []
            }
        }
    }
}
