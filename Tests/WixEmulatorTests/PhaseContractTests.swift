import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct PhaseContractTests {
    private func names(_ wix: SandboxHTTP, _ workflowId: String) async throws -> [String] {
        try await wix.get("/workflows/v1/workflows/\(workflowId)/phases").list("phases")
            .compactMap { $0[path: "info.name"]?.stringValue }
    }

    @Test func positionsInsertAndShiftOmittedIsLast() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            _ = try await wix.createPhase(id, "B")
            _ = try await wix.createPhase(id, "D")
            _ = try await wix.createPhase(id, "A", position: 0)
            _ = try await wix.createPhase(id, "C", position: 2)
            _ = try await wix.createPhase(id, "E", position: 99)  // clamped by default
            #expect(try await names(wix, id) == ["A", "B", "C", "D", "E"])
            let negative = try await wix.post("/workflows/v1/workflows/\(id)/phases", #"{"phase": {"name": "X"}, "position": -1}"#)
            #expect(negative.status == 400)
            let missingName = try await wix.post("/workflows/v1/workflows/\(id)/phases", #"{"phase": {}}"#)
            #expect(missingName.status == 400)
            #expect(try await wix.post("/workflows/v1/workflows/nope/phases", #"{"phase": {"name": "X"}}"#).status == 404)
        }
    }

    @Test func outOfRangePositionIs400WhenStrict() async throws {
        try await withEmulator(EmulatorOptions(strictness: .init(rejectOutOfRangePositions: true))) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let reply = try await wix.post("/workflows/v1/workflows/\(id)/phases", #"{"phase": {"name": "X"}, "position": 1}"#)
            #expect(reply.status == 400)
            #expect(reply.string("details.validationError.fieldViolations.0.violatedRule") == "MAX")
        }
    }

    @Test func listExcludesWinPhaseAndPages() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let first = try await wix.createPhase(id, "New")
            _ = try await wix.createPhase(id, "Won?")
            _ = try await wix.createLead(id, first, "Ann")
            let reply = try await wix.get("/workflows/v1/workflows/\(id)/phases")
            #expect(reply.list("phases").count == 2)
            #expect(reply["pagination"] == .object(["offset": .number(0), "limit": .number(50), "total": .number(2), "count": .number(2)]))
            #expect(reply.string("phases.0.cardsList.cards.0.info.name") == "Ann")
            #expect(reply.int("phases.0.cardsList.total") == 1)
            let win = try await wix.winPhase(id)
            #expect(!reply.list("phases").contains { $0[path: "info.id"]?.stringValue == win })
            let sorted = try await wix.get("/workflows/v1/workflows/\(id)/phases?sort=name:desc&limit=1")
            #expect(sorted.string("phases.0.info.name") == "Won?")
            #expect(sorted.int("pagination.count") == 1)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/phases?limit=101").status == 400)
        }
    }

    @Test func oversizedPagesClampWhenNotStrict() async throws {
        try await withEmulator(EmulatorOptions(strictness: .init(rejectOversizedPages: false))) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let reply = try await wix.get("/workflows/v1/workflows/\(id)/phases?limit=500")
            #expect(reply.status == 200)
            #expect(reply.int("pagination.limit") == 100)
        }
    }

    @Test func sixtyPhasesThen403() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            for index in 0..<60 { _ = try await wix.createPhase(id, "P\(index)") }
            let over = try await wix.post("/workflows/v1/workflows/\(id)/phases", #"{"phase": {"name": "61st"}}"#)
            #expect(over.status == 403)
            #expect(over.errorCode == "PHASES_LIMIT_REACHED")
        }
    }

    @Test func getAndRename() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let renamed = try await wix.patch("/workflows/v1/phases/\(phase)", #"{"phase": {"name": "Fresh"}}"#)
            #expect(renamed.status == 200)
            #expect(renamed.json == .object([:]))
            let reply = try await wix.get("/workflows/v1/phases/\(phase)")
            #expect(reply.string("phase.info.id") == phase)
            #expect(reply.string("phase.info.name") == "Fresh")
            #expect(reply.int("phase.cardsList.total") == 0)
            #expect(try await wix.get("/workflows/v1/phases/nope").status == 404)
            #expect(try await wix.patch("/workflows/v1/phases/nope", #"{"phase": {"name": "x"}}"#).status == 404)
            let win = try await wix.winPhase(id)
            #expect(try await wix.get("/workflows/v1/phases/\(win)").string("phase.info.name") == "Win")
        }
    }

    @Test func moveShiftsAndRejectsWinPhaseAndMissingPosition() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let a = try await wix.createPhase(id, "A")
            _ = try await wix.createPhase(id, "B")
            let c = try await wix.createPhase(id, "C")
            #expect(try await wix.post("/workflows/v1/workflows/\(id)/phases/\(c)/move", #"{"newPosition": 0}"#).status == 200)
            #expect(try await names(wix, id) == ["C", "A", "B"])
            #expect(try await wix.post("/workflows/v1/workflows/\(id)/phases/\(a)/move", #"{"newPosition": 2}"#).status == 200)
            #expect(try await names(wix, id) == ["C", "B", "A"])
            let missing = try await wix.post("/workflows/v1/workflows/\(id)/phases/\(a)/move", "{}")
            #expect(missing.status == 400)
            #expect(missing.string("details.validationError.fieldViolations.0.field") == "newPosition")
            let win = try await wix.winPhase(id)
            let moveWin = try await wix.post("/workflows/v1/workflows/\(id)/phases/\(win)/move", #"{"newPosition": 0}"#)
            #expect(moveWin.status == 400)
            #expect(moveWin.errorCode == "WIN_PHASE_CANNOT_BE_MOVED")
        }
    }

    @Test func deletePhaseDeletesItsCardsButNotTheWinPhase() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let card = try await wix.createLead(id, phase, "Ann")
            #expect(try await wix.delete("/workflows/v1/phases/\(phase)").status == 200)
            #expect(try await wix.get("/workflows/v1/cards/\(card)").status == 404)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards").int("pagination.total") == 0)
            #expect(try await names(wix, id).isEmpty)
            let win = try await wix.winPhase(id)
            let deleteWin = try await wix.delete("/workflows/v1/phases/\(win)")
            #expect(deleteWin.status == 400)
            #expect(deleteWin.errorCode == "WIN_PHASE_CANNOT_BE_DELETED")
            #expect(try await wix.delete("/workflows/v1/phases/\(phase)").status == 404)
        }
    }
}
