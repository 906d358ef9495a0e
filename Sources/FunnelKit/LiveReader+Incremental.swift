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
        for contact in Set(live.contactIdsByIdentity.values) {
            for card in try await client.cards(workflowId: id, contactId: contact, archived: false).collect() {
                cards[card.id] = Self.liveCard(card, archived: false)
            }
            for card in try await client.cards(workflowId: id, contactId: contact, archived: true).collect() {
                cards[card.id] = Self.liveCard(card, archived: true)
            }
        }
        for cardId in rememberedCards where cards[cardId] == nil {
            do {
                if let card = try await client.getCard(id: cardId) { cards[cardId] = Self.liveCard(card, archived: false) }
            } catch let error as WixError where error.isNotFound {
                continue
            }
        }
        live.cards = cards.values.sorted { $0.id < $1.id }
        return live
    }
}
