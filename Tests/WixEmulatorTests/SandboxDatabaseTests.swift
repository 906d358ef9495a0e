import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
@testable import WixEmulator

/// The SQLite data file: migration from the JSON format, list orders across restarts, writes that
/// touch only their own rows.
@Suite struct SandboxDatabaseTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Everything a client can see of a site: the board (phase and archive orders), every workflow
    /// and card as served, and the contacts in List Contacts order.
    private func everything(_ wix: SandboxHTTP) async throws -> JSONValue {
        var parts: [String: JSONValue] = [:]
        parts["board"] = try await wix.get("/_sandbox/board").json
        let workflows = try await wix.get("/workflows/v1/workflows")
        parts["workflows"] = workflows.json
        for workflow in workflows.list("workflows") {
            let id = workflow[path: "id"]?.stringValue ?? ""
            parts["cards-\(id)"] = try await wix.get("/workflows/v1/workflows/\(id)/cards?limit=100").json
            parts["archived-\(id)"] = try await wix.get("/workflows/v1/workflows/\(id)/cards?limit=100&fetchArchived=true").json
            parts["workflow-\(id)"] = try await wix.get("/workflows/v1/workflows/\(id)?cardsPerPhase=100").json
        }
        parts["contacts"] = try await wix.get("/contacts/v4/contacts?paging.limit=1000").json
        return .object(parts)
    }

    @Test func aJSONDataFileFromTheEarlierSandboxIsMigratedOnFirstOpen() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try #require(Bundle.module.url(forResource: "legacy-sandbox", withExtension: "json", subdirectory: "Fixtures"))
        let path = directory.appendingPathComponent("sandbox.json").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let original = try Data(contentsOf: fixture)
        // Read as the earlier sandbox wrote it (`sandbox show --data` reads the JSON without migrating).
        let before = try EmulatorBoard.load(dataPath: path)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("sandbox.sqlite").path))
        #expect(before.map(\.siteId) == ["legacy-site", "other-site"])

        let options = EmulatorOptions(dataPath: path)
        let seen = try await withEmulator(options) { sandbox async throws in
            let wix = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "legacy-site"])
            let board = try #require(await sandbox.server.boards(site: "legacy-site").first)
            #expect(board == before.first)
            let workflow = try #require(board.workflows.first)
            #expect(workflow.name == "Legacy Funnel")
            #expect(workflow.phases.map(\.name) == ["First", "New", "In talks", "Win"])
            #expect(workflow.phases.map { $0.cards.map(\.name) } == [[], ["Cat", "Ann Lee"], ["Bob"], ["Dan"]])
            #expect(workflow.archived.map(\.name) == ["Eve", "Gil"])
            #expect(workflow.archived.map(\.phaseName) == [nil, "New"])  // Eve's phase was deleted
            let contacts = try await wix.get("/contacts/v4/contacts?paging.limit=100").list("contacts")
            #expect(contacts.map { $0[path: "info.name.first"]?.stringValue ?? "" } == ["Gil", "Eve", "Dan", "Cat", "Bob", "Ann"])  // newest first
            // The indexes were rebuilt from the migrated rows: duplicates and the active-card rule hold.
            let duplicate = try await wix.post("/contacts/v4/contacts", #"{"info": {"emails": {"items": [{"email": "bob@example.com"}]}}}"#)
            #expect(duplicate.status == 409)
            let new = try #require(workflow.phases.first { $0.name == "New" })
            let ann = try #require(new.cards.first { $0.name == "Ann Lee" }?.contactId)
            #expect(try await wix.cardReply(workflow.id, new.id, name: "Again", contactId: ann).status == 409)
            // Writes after the migration land between migrated cards.
            let zed = try await wix.createContact("zed@example.com", first: "Zed")
            _ = try await wix.createCard(workflow.id, new.id, name: "Zed", contactId: zed, position: 1)
            #expect(try await wix.cardNames(workflow.id, phaseId: new.id) == ["Cat", "Zed", "Ann Lee"])
            let other = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "other-site"])
            #expect(try await other.get("/workflows/v1/workflows").int("pagination.total") == 1)
            return try await everything(wix)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("sandbox.sqlite"))
        #expect(!files.contains("sandbox.json"))  // renamed: never read again
        #expect(try Data(contentsOf: directory.appendingPathComponent("sandbox.json.migrated")) == original)

        try await withEmulator(options) { sandbox async throws in
            let wix = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "legacy-site"])
            #expect(try await everything(wix) == seen)
        }
    }

    @Test func listOrdersSurviveARestart() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = EmulatorOptions(dataPath: directory.appendingPathComponent("sandbox.json").path,
                                      limits: .init(activeCardsPerWorkflow: 10_000))
        var generator = SeededGenerator(seed: 15)
        let seen = try await withEmulator(options) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow()
            var phases = [try await wix.createPhase(workflow, "A"), try await wix.createPhase(workflow, "B")]
            phases.append(try await wix.createPhase(workflow, "Before A", position: 0))
            var cards: [String] = []
            var archived: [String] = []
            // 90 cards at position 1 of one phase: more than a midpoint can split, so that list is renumbered.
            for index in 0..<90 {
                cards.append(try await wix.createLead(workflow, phases[0], "Crowd\(index)", position: index == 0 ? nil : 1))
            }
            for index in 0..<120 {
                switch Int.random(in: 0..<6, using: &generator) {
                case 0, 1:
                    let phase = phases.randomElement(using: &generator)!
                    let position = Bool.random(using: &generator) ? nil : Int.random(in: 0..<20, using: &generator)
                    cards.append(try await wix.createLead(workflow, phase, "Lead\(index)", position: position))
                case 2 where !cards.isEmpty:
                    let card = cards.randomElement(using: &generator)!
                    let body = #"{"newPhaseId": "\#(phases.randomElement(using: &generator)!)", "newPosition": \#(Int.random(in: 0..<30, using: &generator))}"#
                    #expect(try await wix.post("/workflows/v1/cards/\(card)/move", body).status == 200)
                case 3 where !cards.isEmpty:
                    let card = cards.remove(at: Int.random(in: 0..<cards.count, using: &generator))
                    #expect(try await wix.post("/workflows/v1/cards/\(card)/archive").status == 200)
                    archived.append(card)
                case 4 where !archived.isEmpty:
                    let card = archived.remove(at: Int.random(in: 0..<archived.count, using: &generator))
                    let body = #"{"newPhaseId": "\#(phases.randomElement(using: &generator)!)", "newPosition": 0}"#
                    #expect(try await wix.post("/workflows/v1/cards/\(card)/restore", body).status == 200)
                    cards.append(card)
                case 5 where !cards.isEmpty:
                    let card = cards.remove(at: Int.random(in: 0..<cards.count, using: &generator))
                    #expect(try await wix.delete("/workflows/v1/cards/\(card)").status == 200)
                default:
                    _ = try await wix.createContact("solo\(index)@example.com")
                }
            }
            return try await everything(wix)
        }
        try await withEmulator(options) { sandbox async throws in
            #expect(try await everything(SandboxHTTP(sandbox)) == seen)
        }
    }

    @Test func placingACardTouchesOnlyThatCard() throws {
        var state = SiteState()
        state.workflows["w"] = StoredWorkflow(id: "w", name: "W", createdDate: "", winPhaseId: "win", phaseIds: ["p"],
                                              archivedCardIds: [], sequence: 0)
        state.phases["p"] = StoredPhase(id: "p", workflowId: "w", name: "P", cardIds: [])
        var positions = CardPositions()
        func add(_ id: String, at index: Int) -> Set<String> {
            state.cards[id] = StoredCard(id: id, workflowId: "w", phaseId: "p", createdDate: "", updatedDate: "", archived: false)
            state.phases["p"]!.cardIds.insert(id, at: index)
            return positions.place([id], in: state)
        }
        for index in 0..<5_000 { #expect(add("c\(index)", at: index).isEmpty) }
        let before = (0..<5_000).map { positions["c\($0)"] }
        #expect(add("top", at: 0).isEmpty)
        #expect(add("middle", at: 2_500).isEmpty)
        #expect((0..<5_000).map { positions["c\($0)"] } == before)  // no other card moved
        // Keys follow the list order.
        let keys = state.phases["p"]!.cardIds.map { positions[$0]! }
        #expect(keys == keys.sorted() && Set(keys).count == keys.count)
        // At one crowded spot the list is eventually renumbered — every other card reported, once.
        var renumbered: Set<String> = []
        for index in 0..<80 where renumbered.isEmpty { renumbered = add("crowd\(index)", at: 1) }
        #expect(renumbered.count > 5_000)
        let after = state.phases["p"]!.cardIds.map { positions[$0]! }
        #expect(after == after.sorted() && Set(after).count == after.count)
    }

    /// Runs SQL on a database with the sqlite3 shell (a tool we did not write) and returns its output.
    private func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aDatabaseWithoutLabelsAndFieldsGetsTheirTables() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sandbox.json").path
        let database = directory.appendingPathComponent("sandbox.sqlite").path
        let contact = try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            _ = try await wix.createWorkflow()
            return try await wix.createContact("ada@example.com")
        }
        // As the sandbox before issue 20 left it: no label or extended_field table, no such migration.
        _ = try sqlite(database, """
            DROP TABLE label; DROP TABLE extended_field; DELETE FROM grdb_migrations WHERE identifier = 'v2-labels-fields';
            """)
        #expect(try EmulatorBoard.load(dataPath: path).first?.workflows.count == 1)  // `sandbox show` reads it as it is
        let label = try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            #expect(try await wix.get("/contacts/v4/contacts/\(contact)").status == 200)
            let key = try #require(try await wix.post("/contacts/v4/labels", #"{"displayName": "VIP"}"#).string("label.key"))
            #expect(try await wix.post("/contacts/v4/contacts/\(contact)/labels", #"{"labelKeys": ["\#(key)"]}"#).status == 200)
            return key
        }
        #expect(try sqlite(database, "SELECT id FROM label") == label)
        #expect(try sqlite(database, "SELECT json_extract(body, '$.info.labelKeys.items[0]') FROM contact") == label)
    }

    @Test func aCorruptDatabaseFailsToStartWithItsPath() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("sandbox.sqlite")
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: database)
        await #expect {
            try await EmulatorServer.start(options: .init(dataPath: directory.appendingPathComponent("sandbox.json").path))
        } throws: { error in
            (error as? SandboxDataError)?.path == database.path
        }
    }
}

/// Knuth's MMIX linear congruential generator: a fixed sequence, so a failing run can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
