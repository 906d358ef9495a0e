/// Workflows v1 JSON shapes (wix-api.md §3.2), as the sandbox sends and receives them.
/// These are the emulator's own reading of the docs; it never shares types with the WixAPI client.
enum WorkflowWire {
    struct WorkflowInfo: Codable, Sendable {
        var id: String?
        var name: String?
        var description: String?
        var createdAt: String?
        var isDeletable: Bool?
        var createdDate: String?
    }

    struct Workflow: Encodable, Sendable {
        var info: WorkflowInfo
        var winPhase: Phase
        var phasesList: PhasesList
    }

    struct PhasesList: Encodable, Sendable {
        var total: Int
        var phases: [Phase]
    }

    struct PhaseInfo: Codable, Sendable {
        var id: String?
        var name: String?
    }

    struct Phase: Encodable, Sendable {
        var info: PhaseInfo
        var cardsList: CardsList
    }

    struct CardsList: Encodable, Sendable {
        var total: Int
        var cards: [Card]
    }

    struct Attachment: Codable, Sendable {
        var attachmentId: String?
        var value: String?
        var attachmentType: String?
        var contactId: String?
    }

    struct CardInfo: Codable, Sendable {
        var id: String?
        var name: String?
        var description: String?
        var primaryAttachment: Attachment?
        var dueDate: String?
        var source: String?
        var createdAt: String?
        var updatedAt: String?
        var phaseId: String?
        var createdDate: String?
        var updatedDate: String?
    }

    struct Card: Encodable, Sendable {
        var info: CardInfo
    }

    struct Pagination: Encodable, Sendable {
        var offset: Int
        var limit: Int
        var total: Int
        var count: Int
    }

    // Responses

    struct Created: Encodable, Sendable { var id: String }
    struct Empty: Encodable, Sendable {}
    struct GetWorkflow: Encodable, Sendable { var workflow: Workflow }
    struct ListWorkflows: Encodable, Sendable { var workflows: [WorkflowInfo]; var pagination: Pagination }
    struct GetPhase: Encodable, Sendable { var phase: Phase }
    struct ListPhases: Encodable, Sendable { var phases: [Phase]; var pagination: Pagination }
    struct GetCard: Encodable, Sendable { var card: Card }
    struct ListCards: Encodable, Sendable { var cards: [Card]; var pagination: Pagination }

    // Requests

    struct WorkflowBody: Decodable, Sendable { var workflow: WorkflowInfo? }
    struct PhaseBody: Decodable, Sendable { var phase: PhaseInfo?; var position: FlexibleInt? }
    struct MovePhaseBody: Decodable, Sendable { var newPosition: FlexibleInt? }
    struct CreateCardBody: Decodable, Sendable { var card: CardInfo?; var position: FlexibleInt? }
    struct UpdateCardBody: Decodable, Sendable { var cardInfo: CardInfo? }
    struct MoveCardBody: Decodable, Sendable { var newPhaseId: String?; var newPosition: FlexibleInt? }
}

/// An integer that also decodes from a JSON string, as protobuf's JSON mapping allows (`"position": "1"`).
struct FlexibleInt: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer")
        }
    }
}
