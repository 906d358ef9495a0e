import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct PersistenceAndStatsTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)/site.json").path
    }

    @Test func dataSurvivesRestart() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let (workflowId, cardId, contactId) = try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow()
            let phase = try await wix.createPhase(workflow, "New")
            let contact = try await wix.createContact("a@example.com")
            let card = try await wix.createCard(workflow, phase, name: "Ann", contactId: contact)
            _ = try await wix.createLead(workflow, phase, "Gone")
            let gone = try await wix.get("/workflows/v1/workflows/\(workflow)/cards?limit=1&offset=1").string("cards.0.info.id")!
            _ = try await wix.post("/workflows/v1/cards/\(gone)/archive")
            return (workflow, card, contact)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        // `site.json` names the database `site.sqlite`; a clean stop checkpoints and removes its WAL files.
        #expect(leftovers.sorted() == ["site.sqlite", "site.sqlite.lock"])
        try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            #expect(try await wix.get("/workflows/v1/cards/\(cardId)").string("card.info.primaryAttachment.contactId") == contactId)
            #expect(try await wix.get("/workflows/v1/workflows/\(workflowId)/cards?fetchArchived=true").int("pagination.total") == 1)
            // Indexes were rebuilt: duplicates and the active-card rule still hold.
            #expect(try await wix.post("/contacts/v4/contacts", #"{"info": {"emails": {"items": [{"email": "a@example.com"}]}}}"#).status == 409)
            let phase = try await wix.get("/workflows/v1/cards/\(cardId)").string("card.info.phaseId")!
            #expect(try await wix.cardReply(workflowId, phase, name: "Again", contactId: contactId).status == 409)
            let boards = try EmulatorBoard.load(dataPath: path)
            #expect(boards.first?.siteId == sandbox.siteId)
            #expect(boards.first?.workflows.first?.phases.first?.cards.first?.contact == "a@example.com")
            #expect(boards.first?.workflows.first?.archived.first?.name == "Gone")
        }
    }

    @Test func aCorruptFileFailsToStartInsteadOfLosingData() async throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: (any Error).self) { try await EmulatorServer.start(options: .init(dataPath: path)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{not json")
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingPathExtension + ".sqlite"))
    }

    @Test func resetClearsOneSite() async throws {
        try await withEmulator { sandbox async throws in
            let mine = SandboxHTTP(sandbox)
            let other = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "other"])
            _ = try await mine.createWorkflow()
            _ = try await other.createWorkflow()
            let reset = try await mine.send("POST", "/_sandbox/reset", headers: ["wix-site-id": sandbox.siteId], replacing: true)
            #expect(reset.status == 200)
            #expect(try await mine.get("/workflows/v1/workflows").int("pagination.total") == 0)
            #expect(try await other.get("/workflows/v1/workflows").int("pagination.total") == 1)
        }
    }

    @Test func statsCountRequestsByRouteOperationAndStatus() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow()
            _ = try await wix.get("/workflows/v1/workflows/\(workflow)")
            _ = try await wix.get("/workflows/api/v1/workflows/\(workflow)")
            _ = try await wix.get("/workflows/v1/workflows/nope")
            let reply = try await wix.get("/_sandbox/stats")
            #expect(reply.int("totalRequests") == 4)
            guard case .object(let requests)? = reply["requests"] else { Issue.record("no requests"); return }
            #expect(requests["POST /workflows/v1/workflows"] == .number(1))
            #expect(requests["GET /workflows/v1/workflows/{workflowId}"] == .number(2))
            #expect(requests["GET /workflows/api/v1/workflows/{workflowId}"] == .number(1))
            #expect(reply.int("operations.GetWorkflow") == 3)
            #expect(reply.int("statuses.404") == 1)
            #expect(reply.int("rateLimited") == 0)
            #expect(reply.int("faults.serverErrors") == 0)
            let stats = try await sandbox.stats()
            #expect(stats.count(.getWorkflow) == 3)
            await sandbox.resetStats()
            #expect(try await sandbox.stats().totalRequests == 0)
        }
    }
}

@Suite struct DataFileLockTests {
    @Test func aDataFileHasOneOwnerAtATime() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/site.json").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try await EmulatorServer.start(options: .init(dataPath: path))
        await #expect(throws: SandboxDataError.self) { try await EmulatorServer.start(options: .init(dataPath: path)) }
        await first.stop()
        let second = try await EmulatorServer.start(options: .init(dataPath: path))
        await second.stop()
    }
}
