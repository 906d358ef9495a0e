import Hummingbird

/// Handlers for cards (wix-api.md §3.3 "Cards").
extension EmulatorCore {
    func cardHandler(_ operation: EmulatorOperation) -> Handler? {
        let store = self.store
        switch operation {
        case .createCard:
            return { request throws(WixError) in
                let workflowId = request.parameter("workflowId"), phaseId = request.parameter("phaseId")
                let body = try request.decode(WorkflowWire.CreateCardBody.self)
                let id = try await store.write(request.site) { site, rules throws(WixError) in
                    try site.createCard(workflowId: workflowId, phaseId: phaseId, body, rules: rules)
                }
                return jsonBody(WorkflowWire.Created(id: id))
            }
        case .getCard:
            return { request throws(WixError) in
                let id = request.parameter("cardId")
                let card = try await store.read(request.site) { site, rules throws(WixError) in try site.getCard(id, rules: rules) }
                return card.map { jsonBody(WorkflowWire.GetCard(card: $0)) } ?? jsonBody(WorkflowWire.Empty())
            }
        case .listCards:
            return { request throws(WixError) in
                let workflowId = request.parameter("workflowId")
                let query = CardListQuery(
                    phaseId: request.string("phaseId"), attachmentValue: request.string("attachmentValue"),
                    fetchArchived: try request.bool("fetchArchived") ?? false,
                    limit: try request.int("limit"), offset: try request.int("offset"), sort: request.strings("sort"))
                return jsonBody(try await store.read(request.site) { site, rules throws(WixError) in
                    try site.listCards(workflowId: workflowId, query, rules: rules)
                })
            }
        case .updateCard:
            return { request throws(WixError) in
                let id = request.parameter("cardId"), body = try request.decode(WorkflowWire.UpdateCardBody.self)
                let includeArchived = try request.bool("includeArchived") ?? false
                try await store.write(request.site) { site, rules throws(WixError) in
                    try site.updateCard(id, body, includeArchived: includeArchived, rules: rules)
                }
                return jsonBody(WorkflowWire.Empty())
            }
        case .moveCard, .restoreCard:
            return { request throws(WixError) in
                let id = request.parameter("cardId"), body = try request.decode(WorkflowWire.MoveCardBody.self)
                try await store.write(request.site) { site, rules throws(WixError) in
                    if operation == .moveCard { try site.moveCard(id, body, rules: rules) } else { try site.restoreCard(id, body, rules: rules) }
                }
                return jsonBody(WorkflowWire.Empty())
            }
        case .archiveCard, .deleteCard:
            return { request throws(WixError) in
                let id = request.parameter("cardId")
                try await store.write(request.site) { site, _ throws(WixError) in
                    if operation == .archiveCard { try site.archiveCard(id) } else { try site.deleteCard(id) }
                }
                return jsonBody(WorkflowWire.Empty())
            }
        default:
            return nil
        }
    }
}
