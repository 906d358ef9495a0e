import Foundation
import FunnelCore

extension WixClient {
    /// `POST /workflows/{workflowId}/phases/{phaseId}/cards`: creates a card at `position`
    /// (0-based, top to bottom; nil puts it last) and returns its id.
    ///
    /// Not retried blindly. On an error with `outcomeUnknown`, the card may exist: look for it with
    /// `cards(workflowId:contactId:)` before creating again.
    public func createCard(
        workflowId: String, phaseId: String, card: CardFields, position: Int? = nil
    ) async throws -> String {
        let body = try WixJSON.encode(CreateCardBody(card: card, position: position))
        let request = WixRequest(
            "POST", Self.workflowsBase + "/workflows/\(workflowId.pathSegment)/phases/\(phaseId.pathSegment)/cards",
            body: body, repeatability: .create, target: .collection("cards", in: .phase(phaseId)))
        return try await send(request, as: CreatedId.self).id
    }

    /// `GET /cards/{id}`: the card, or nil when it is archived (Wix answers with an empty object).
    /// An unknown id throws a `WixError` with status 404, and so may an archived card on a site that
    /// answers 404 for it (`archived-card-404`): callers that must tell the two apart ask
    /// `cards(workflowId:archived: true)`.
    public func getCard(id: String) async throws -> Card? {
        let request = WixRequest("GET", Self.workflowsBase + "/cards/\(id.pathSegment)", target: .card(id))
        return try await send(request, as: CardEnvelope.self).card
    }

    /// `GET /workflows/{workflowId}/cards`: every card matching the filters, all pages.
    /// - Parameters:
    ///   - phaseId: only the cards of this phase.
    ///   - contactId: only the cards attached to this contact (`attachmentValue`).
    ///   - archived: `true` lists only archived cards, `false` only the others (Wix's `fetchArchived`).
    public func cards(
        workflowId: String, phaseId: String? = nil, contactId: String? = nil, archived: Bool = false
    ) -> WixPages<Card> {
        var filters: [(name: String, value: String)] = []
        if let phaseId { filters.append(("phaseId", phaseId)) }
        if let contactId { filters.append(("attachmentValue", contactId)) }
        if archived { filters.append(("fetchArchived", "true")) }
        return WixPages(pageSize: WixPageSize.cards) { [self, filters] offset, limit in
            let request = WixRequest(
                "GET", Self.workflowsBase + "/workflows/\(workflowId.pathSegment)/cards",
                query: filters + [("limit", String(limit)), ("offset", String(offset))],
                target: .collection("cards", in: .workflow(workflowId)))
            let page = try await send(request, as: CardsPage.self)
            return .init(items: page.cards ?? [], total: page.pagination?.total)
        }
    }

    /// `PATCH /cards/{id}`: writes every field of `info`, the contact included.
    public func updateCard(id: String, info: CardFields) async throws {
        let body = try WixJSON.encode(["cardInfo": info])
        try await send(WixRequest("PATCH", Self.workflowsBase + "/cards/\(id.pathSegment)", body: body, target: .card(id)))
    }

    /// `POST /cards/{id}/move`: moves a card to `phaseId` (its own phase to reorder it, or the win
    /// phase) at `position` (nil: Wix's default).
    public func moveCard(id: String, phaseId: String, position: Int? = nil) async throws {
        try await postCardAction("move", id: id, phaseId: phaseId, position: position)
    }

    /// `POST /cards/{id}/archive` with `{}`: archives a card, freeing its contact for another active card.
    /// The body is an empty JSON object (with its Content-Type), not nothing: a gRPC-transcoded POST
    /// may refuse a request without a JSON body.
    public func archiveCard(id: String) async throws {
        try await send(WixRequest(
            "POST", Self.workflowsBase + "/cards/\(id.pathSegment)/archive", body: Data("{}".utf8), target: .card(id)))
    }

    /// `POST /cards/{id}/restore`: brings an archived card back into `phaseId` (the win phase allowed).
    public func restoreCard(id: String, phaseId: String, position: Int? = nil) async throws {
        try await reconciling({ try await postCardAction("restore", id: id, phaseId: phaseId, position: position) }) { _ in
            try await getCard(id: id)?.phaseId == phaseId ? () : nil
        }
    }

    /// `DELETE /cards/{id}`: deletes a card for good (prefer `archiveCard`).
    public func deleteCard(id: String) async throws {
        try await deleting {
            try await send(WixRequest("DELETE", Self.workflowsBase + "/cards/\(id.pathSegment)", target: .card(id)))
        }
    }

    /// `POST /cards/{id}/move` or `/restore` with `{"newPhaseId", "newPosition"}`.
    private func postCardAction(_ action: String, id: String, phaseId: String, position: Int?) async throws {
        let body = try WixJSON.encode(PhaseTarget(newPhaseId: phaseId, newPosition: position))
        try await send(WixRequest(
            "POST", Self.workflowsBase + "/cards/\(id.pathSegment)/\(action)", body: body, target: .card(id)))
    }
}

private struct CreateCardBody: Encodable {
    var card: CardFields
    var position: Int?
}

private struct PhaseTarget: Encodable {
    var newPhaseId: String
    var newPosition: Int?
}

/// Get Card's answer: `{"card": {"info": …}}`, or `{}` / `{"card": {}}` for an archived card.
private struct CardEnvelope: Decodable {
    var card: Card?

    private enum CodingKeys: String, CodingKey { case card }
    private struct MaybeCard: Decodable { var info: CardInfo? }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        card = try container.decodeIfPresent(MaybeCard.self, forKey: .card)?.info.map(Card.init(info:))
    }
}

private struct CardsPage: Decodable {
    var cards: [Card]?
    var pagination: Pagination?
}
