import FunnelCore
import Testing

/// Shortcuts that build a funnel through the API (each checks its own 200).
extension SandboxHTTP {
    static let workflows = "/workflows/v1"

    func createWorkflow(_ name: String = "Lead Funnel") async throws -> String {
        let reply = try await post("\(Self.workflows)/workflows", #"{"workflow": {"name": "\#(name)"}}"#)
        #expect(reply.status == 200)
        return try #require(reply.string("id"))
    }

    func createPhase(_ workflowId: String, _ name: String, position: Int? = nil) async throws -> String {
        let positionField = position.map { #", "position": \#($0)"# } ?? ""
        let reply = try await post("\(Self.workflows)/workflows/\(workflowId)/phases", #"{"phase": {"name": "\#(name)"}\#(positionField)}"#)
        #expect(reply.status == 200, "\(reply.json)")
        return try #require(reply.string("id"))
    }

    func winPhase(_ workflowId: String) async throws -> String {
        try #require(try await get("\(Self.workflows)/workflows/\(workflowId)").string("workflow.winPhase.info.id"))
    }

    func createContact(_ email: String, first: String = "Lead") async throws -> String {
        let reply = try await post("/contacts/v4/contacts",
                                   #"{"info": {"name": {"first": "\#(first)"}, "emails": {"items": [{"email": "\#(email)"}]}}}"#)
        #expect(reply.status == 200, "\(reply.json)")
        return try #require(reply.string("contact.id"))
    }

    func cardReply(_ workflowId: String, _ phaseId: String, name: String, contactId: String, position: Int? = nil)
        async throws -> Reply {
        let positionField = position.map { #", "position": \#($0)"# } ?? ""
        return try await post("\(Self.workflows)/workflows/\(workflowId)/phases/\(phaseId)/cards",
                              #"{"card": {"name": "\#(name)", "primaryAttachment": {"contactId": "\#(contactId)"}}\#(positionField)}"#)
    }

    func createCard(_ workflowId: String, _ phaseId: String, name: String, contactId: String, position: Int? = nil)
        async throws -> String {
        let reply = try await cardReply(workflowId, phaseId, name: name, contactId: contactId, position: position)
        #expect(reply.status == 200, "\(reply.json)")
        return try #require(reply.string("id"))
    }

    /// A new contact and its card, in one go.
    func createLead(_ workflowId: String, _ phaseId: String, _ name: String, position: Int? = nil) async throws -> String {
        let contactId = try await createContact("\(name.lowercased())@example.com", first: name)
        return try await createCard(workflowId, phaseId, name: name, contactId: contactId, position: position)
    }

    /// Card names in a phase, top to bottom.
    func cardNames(_ workflowId: String, phaseId: String) async throws -> [String] {
        let reply = try await get("\(Self.workflows)/workflows/\(workflowId)/cards?phaseId=\(phaseId)&limit=100")
        return reply.list("cards").compactMap { $0[path: "info.name"]?.stringValue }
    }
}

extension Reply {
    /// The top-level keys of an object body, sorted.
    var keys: [String] {
        if case .object(let object) = json { return object.keys.sorted() }
        return []
    }

    /// The array at `path` (empty when absent).
    func list(_ path: String) -> [JSONValue] {
        if case .array(let items)? = json[path: path] { return items }
        return []
    }
}
