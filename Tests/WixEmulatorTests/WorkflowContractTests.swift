import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct WorkflowContractTests {
    @Test func createReturnsOnlyIdAndNeedsName() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let missing = try await wix.post("/workflows/v1/workflows", #"{"workflow": {"description": "x"}}"#)
            #expect(missing.status == 400)
            #expect(missing.string("details.validationError.fieldViolations.0.field") == "workflow.name")
            #expect(missing.string("message") != nil)
            let malformed = try await wix.post("/workflows/v1/workflows", #"{"workflow": "#)
            #expect(malformed.status == 400)
            #expect(malformed["details.validationError"] != nil)
        }
    }

    @Test func getWorkflowHasInfoWinPhaseAndPhases() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow("Funnel")
            let reply = try await wix.get("/workflows/v1/workflows/\(id)")
            #expect(reply.string("workflow.info.id") == id)
            #expect(reply["workflow.info.isDeletable"] == .bool(true))
            let created = try #require(reply.string("workflow.info.createdDate"))
            #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(reply.string("workflow.info.createdAt") == created)
            #expect(reply.int("workflow.phasesList.total") == 0)
            #expect(reply.list("workflow.phasesList.phases").isEmpty)
            #expect(reply.string("workflow.winPhase.info.name") == "Win")
            #expect(reply.int("workflow.winPhase.cardsList.total") == 0)

            let unknown = try await wix.get("/workflows/v1/workflows/nope")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "WORKFLOW_NOT_FOUND")
        }
    }

    @Test func cardsPerPhaseTruncatesButTotalCountsAll() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            for index in 0..<12 { _ = try await wix.createLead(id, phase, "L\(index)") }
            let byDefault = try await wix.get("/workflows/v1/workflows/\(id)")
            #expect(byDefault.list("workflow.phasesList.phases.0.cardsList.cards").count == 10)
            #expect(byDefault.int("workflow.phasesList.phases.0.cardsList.total") == 12)
            let three = try await wix.get("/workflows/v1/workflows/\(id)?cardsPerPhase=3")
            #expect(three.list("workflow.phasesList.phases.0.cardsList.cards").count == 3)
            #expect(three.string("workflow.phasesList.phases.0.cardsList.cards.0.info.name") == "L0")
        }
    }

    @Test func listSortsByNameAndPages() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            for name in ["b", "XYZ", "abc", "C"] { _ = try await wix.createWorkflow(name) }
            let all = try await wix.get("/workflows/v1/workflows")
            // Lexicographic and case-sensitive: upper case sorts first.
            #expect(all.list("workflows").compactMap { $0[path: "name"]?.stringValue } == ["C", "XYZ", "abc", "b"])
            #expect(all.int("pagination.total") == 4)
            #expect(all.int("pagination.count") == 4)
            #expect(all.list("workflows").first?[path: "phasesList"] == nil)
            let page = try await wix.get("/workflows/v1/workflows?limit=2&offset=1&sort=name:desc")
            #expect(page.list("workflows").compactMap { $0[path: "name"]?.stringValue } == ["abc", "XYZ"])
            #expect(page["pagination"] == .object(["offset": .number(1), "limit": .number(2), "total": .number(4), "count": .number(2)]))
            #expect(try await wix.get("/workflows/v1/workflows?sort=color:asc").status == 400)
            #expect(try await wix.get("/workflows/v1/workflows?limit=101").status == 400)
            #expect(try await wix.get("/workflows/v1/workflows?limit=x").status == 400)
        }
    }

    @Test func updateChangesOnlyGivenFields() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.post("/workflows/v1/workflows", #"{"workflow": {"name": "A", "description": "D"}}"#).string("id")!
            let updated = try await wix.patch("/workflows/v1/workflows/\(id)", #"{"workflow": {"name": "B"}}"#)
            #expect(updated.status == 200)
            #expect(updated.json == .object([:]))
            let reply = try await wix.get("/workflows/v1/workflows/\(id)")
            #expect(reply.string("workflow.info.name") == "B")
            #expect(reply.string("workflow.info.description") == "D")
            #expect(try await wix.patch("/workflows/v1/workflows/nope", #"{"workflow": {"name": "B"}}"#).status == 404)
        }
    }

    @Test func deleteRemovesPhasesAndCards() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let card = try await wix.createLead(id, phase, "Ann")
            let deleted = try await wix.delete("/workflows/v1/workflows/\(id)")
            #expect(deleted.status == 200)
            #expect(deleted.json == .object([:]))
            #expect(try await wix.get("/workflows/v1/workflows/\(id)").status == 404)
            #expect(try await wix.get("/workflows/v1/phases/\(phase)").status == 404)
            #expect(try await wix.get("/workflows/v1/cards/\(card)").status == 404)
            #expect(try await wix.delete("/workflows/v1/workflows/\(id)").status == 404)
        }
    }

    @Test func thirtyWorkflowsPerSiteThen403() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            for index in 0..<30 { _ = try await wix.createWorkflow("W\(index)") }
            let over = try await wix.post("/workflows/v1/workflows", #"{"workflow": {"name": "31st"}}"#)
            #expect(over.status == 403)
            #expect(over.errorCode == "WORKFLOWS_LIMIT_REACHED")
            #expect(try await wix.get("/workflows/v1/workflows").int("pagination.total") == 30)
        }
    }

    @Test func bothPrefixesServeTheSameData() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let viaApi = try await wix.get("/workflows/api/v1/workflows/\(id)")
            #expect(viaApi.status == 200)
            #expect(viaApi.string("workflow.info.id") == id)
            let phase = try await wix.post("/workflows/api/v1/workflows/\(id)/phases", #"{"phase": {"name": "P"}}"#)
            #expect(phase.status == 200)
            let stats = try await sandbox.stats()
            #expect(stats.requests["GET /workflows/api/v1/workflows/{workflowId}"] == 1)
            #expect(stats.count(.createPhase) == 1)
        }
    }
}
