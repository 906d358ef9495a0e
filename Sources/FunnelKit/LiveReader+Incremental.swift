import FunnelCore
import WixAPI

extension LiveReader {
    /// The workflow and its phases (one call), the given contacts (batched look-ups) and only the
    /// cards attached to them or remembered for the records in scope.
    func readIncremental(workflowName: String, pinnedId: String?, rememberedId: String?, identities: [ContactIdentity],
                         rememberedCards: [String]) async throws -> LiveState {
        var live = LiveState()
        try await lookUpContacts(identities, into: &live)
        guard let id = try await findWorkflow(name: workflowName, pinnedId: pinnedId, rememberedId: rememberedId) else {
            return live
        }
        let workflow = try await client.getWorkflow(id: id, cardsPerPhase: 0)
        live.workflow = LiveWorkflow(id: workflow.info.id, name: workflow.info.name, description: workflow.info.description)
        live.phases = workflow.phases.map { LivePhase(id: $0.id, name: $0.name) }
        live.winPhaseId = workflow.winPhase.id
        var cards: [String: LiveCard] = [:]
        // Each contact's active and archived cards: independent calls, a few at a time (a webhook
        // batch naming many records would otherwise cost one round trip after another).
        let client = self.client
        let lists = Array(Set(live.contactIdsByIdentity.values)).flatMap { [($0, false), ($0, true)] }
        let found = try await lists.concurrentMap(width: Self.incrementalWidth) { list in
            try await client.cards(workflowId: id, contactId: list.0, archived: list.1).collect()
                .map { Self.liveCard($0, archived: list.1) }
        }
        for card in found.compactMap({ $0 }).joined() { cards[card.id] = card }
        let missing = rememberedCards.filter { cards[$0] == nil }
        let remembered = try await missing.concurrentMap(width: Self.incrementalWidth) { cardId -> LiveCard? in
            do {
                return try await client.getCard(id: cardId).map { Self.liveCard($0, archived: false) }
            } catch let error as WixError where error.isNotFound {
                return nil
            }
        }
        for case let card?? in remembered { cards[card.id] = card }
        live.cards = cards.values.sorted { $0.id < $1.id }
        return live
    }

    /// Calls in flight at once while reading the cards of a webhook batch.
    static let incrementalWidth = 6
}
