import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// Every operation funnel uses answers with the fields Wix documents for its response message
/// (wix-api.md §3.2–3.3 and §4.1–4.2): a sandbox that leaves one out would hide a client that
/// depends on it being absent, and one that adds an undocumented field would hide the opposite.
@Suite("sandbox responses carry the documented fields")
struct ResponseShapeTests {
    /// `WorkflowInfo` (List Workflows items and `workflow.info`).
    static let workflowInfo = ["id", "name", "description", "createdAt", "isDeletable", "createdDate"]
    static let phase = ["info.id", "info.name", "cardsList.total", "cardsList.cards"]
    static let cardInfo = ["id", "name", "primaryAttachment.contactId", "createdAt", "updatedAt",
                           "phaseId", "createdDate", "updatedDate"]
    static let pagination = ["pagination.offset", "pagination.limit", "pagination.total", "pagination.count"]
    static let contact = ["id", "revision", "source.sourceType", "source.appId", "createdDate", "updatedDate",
                          "lastActivity.activityDate", "lastActivity.activityType", "primaryInfo.email", "primaryInfo.phone",
                          "picture", "info.name.first", "info.emails.items.0.id", "info.emails.items.0.tag",
                          "info.emails.items.0.email", "info.emails.items.0.primary", "info.phones.items.0.id",
                          "info.phones.items.0.countryCode", "info.phones.items.0.phone", "info.phones.items.0.e164Phone",
                          "info.phones.items.0.primary", "info.birthdate", "info.picture"]

    /// The paths of `expected` missing from `reply` under `prefix`.
    static func missing(_ reply: Reply, _ prefix: String, _ expected: [String]) -> [String] {
        expected.filter { reply[prefix.isEmpty ? $0 : "\(prefix).\($0)"] == nil }.map { prefix.isEmpty ? $0 : "\(prefix).\($0)" }
    }

    @Test("Workflows v1: each operation's documented response message")
    func workflows() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let created = try await wix.post("/workflows/v1/workflows", #"{"workflow": {"name": "Shapes"}}"#)
            #expect(created.keys == ["id"])
            let id = try #require(created.string("id"))
            let listed = try await wix.get("/workflows/v1/workflows?limit=10")
            #expect(Self.missing(listed, "workflows.0", Self.workflowInfo).isEmpty, "List Workflows: \(listed.json)")
            #expect(Self.missing(listed, "", Self.pagination).isEmpty)
            let phaseId = try await wix.createPhase(id, "New")
            let card = try await wix.createLead(id, phaseId, "Ines")
            let workflow = try await wix.get("/workflows/v1/workflows/\(id)")
            var missing = Self.missing(workflow, "workflow.info", Self.workflowInfo)
                + Self.missing(workflow, "workflow.winPhase", Self.phase)
                + Self.missing(workflow, "workflow.phasesList.phases.0", Self.phase)
                + Self.missing(workflow, "workflow.phasesList.phases.0.cardsList.cards.0.info", Self.cardInfo)
            if workflow["workflow.phasesList.total"] == nil { missing.append("workflow.phasesList.total") }
            #expect(missing.isEmpty, "Get Workflow misses \(missing)")
            let phases = try await wix.get("/workflows/v1/workflows/\(id)/phases")
            #expect((Self.missing(phases, "phases.0", Self.phase) + Self.missing(phases, "", Self.pagination)).isEmpty)
            let cards = try await wix.get("/workflows/v1/workflows/\(id)/cards")
            #expect((Self.missing(cards, "cards.0.info", Self.cardInfo) + Self.missing(cards, "", Self.pagination)).isEmpty)
            let got = try await wix.get("/workflows/v1/cards/\(card)")
            #expect(Self.missing(got, "card.info", Self.cardInfo).isEmpty, "Get Card: \(got.json)")
            // Every write that returns nothing answers `{}`.
            let archive = try await wix.post("/workflows/v1/cards/\(card)/archive", "{}")
            #expect(archive.status == 200 && archive.keys.isEmpty)
            #expect(try await wix.get("/workflows/v1/cards/\(card)").keys.isEmpty, "Get Card of an archived card is {}")
            for reply in [try await wix.patch("/workflows/v1/phases/\(phaseId)", #"{"phase": {"name": "Fresh"}}"#),
                          try await wix.patch("/workflows/v1/workflows/\(id)", #"{"workflow": {"description": "d"}}"#),
                          try await wix.delete("/workflows/v1/workflows/\(id)")] {
                #expect(reply.status == 200 && reply.keys.isEmpty)
            }
        }
    }

    @Test("Contacts v4: each operation's documented response message, e164Phone, source.appId and picture included")
    func contacts() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let body = #"""
                {"info": {"name": {"first": "Ines"}, "emails": {"items": [{"email": "ines@example.com"}]},
                 "phones": {"items": [{"phone": "(415) 555-0142", "countryCode": "US"}]}, "birthdate": "1990-04-01",
                 "picture": {"url": "https://static.wixstatic.com/media/ines.jpg"}}}
                """#
            let created = try await wix.post("/contacts/v4/contacts", body)
            #expect(Self.missing(created, "contact", Self.contact).isEmpty, "Create Contact misses \(Self.missing(created, "contact", Self.contact))")
            #expect(created.string("contact.info.phones.items.0.e164Phone") == "+14155550142")
            let id = try #require(created.string("contact.id"))
            let got = try await wix.get("/contacts/v4/contacts/\(id)")
            #expect(Self.missing(got, "contact", Self.contact).isEmpty)
            #expect(got.string("responseType") == "REGULAR")
            let queried = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": {"info.emails.email": "ines@example.com"}}}"#)
            #expect(Self.missing(queried, "contacts.0", Self.contact).isEmpty)
            #expect(Self.missing(queried, "pagingMetadata", ["count", "offset", "total", "tooManyToCount"]).isEmpty)
            let updated = try await wix.patch("/contacts/v4/contacts/\(id)", #"{"revision": 1, "info": {"company": "Brunet SA"}}"#)
            #expect(Self.missing(updated, "contact", Self.contact + ["info.company"]).isEmpty)
            let deleted = try await wix.delete("/contacts/v4/contacts/\(id)")
            #expect(deleted.status == 200 && deleted.keys.isEmpty)
        }
    }
}
