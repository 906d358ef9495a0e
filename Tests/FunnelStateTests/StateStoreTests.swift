import Foundation
import FunnelCore
import Testing
@testable import FunnelState

@Suite("SQLiteStateStore: snapshot and mutations")
struct StateStoreTests {
    static let ada = RecordState(
        key: "L-001", identity: ContactIdentity(kind: .email, value: "ada@example.com"), contactId: "c-1", cardId: "k-1",
        contact: DesiredContact(first: "Ada", last: "Lovelace", email: "ada@example.com", phone: "+33612345678",
                                company: "Engines", jobTitle: "Analyst"),
        cardName: "Ada Lovelace", cardDescription: "Engines", target: .phase("Qualified"), phaseId: "p-3")

    @Test func openCreatesTheDirectoryAndKeepsItsLineage() throws {
        let temp = TemporaryStatePath()
        let first = try SQLiteStateStore.open(path: temp.path).snapshot()
        #expect(FileManager.default.fileExists(atPath: temp.path))
        #expect(first == StateSnapshot.empty(lineage: first.lineage))
        #expect(UUID(uuidString: first.lineage) != nil)
        let again = try SQLiteStateStore.open(path: temp.path).snapshot()
        #expect(again.lineage == first.lineage)
        #expect(try SQLiteStateStore.open(path: TemporaryStatePath().path).snapshot().lineage != first.lineage)
    }

    @Test func openingAMissingStateWithoutCreateFails() throws {
        let temp = TemporaryStatePath()
        #expect(throws: StateStoreError.missing(path: temp.path)) {
            try SQLiteStateStore.open(path: temp.path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.path))
    }

    @Test func aFileThatIsNotADatabaseIsReportedDamaged() throws {
        let temp = TemporaryStatePath()
        try FileManager.default.createDirectory(atPath: (temp.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(String(repeating: "not sqlite ", count: 200).utf8).write(to: URL(fileURLWithPath: temp.path))
        #expect {
            try SQLiteStateStore.open(path: temp.path)
        } throws: { error in
            guard case StateStoreError.damaged(let path, _) = error else { return false }
            return path == temp.path && "\(error)".contains("funnel state repair")
        }
    }

    @Test func everyMutationRoundTrips() throws {
        let temp = TemporaryStatePath()
        let store = try SQLiteStateStore.open(path: temp.path)
        let bare = RecordState(key: "L-002")
        let phoneOnly = RecordState(key: "L-003", identity: ContactIdentity(kind: .phone, value: "+15550100"),
                                    contact: DesiredContact(), target: .win)
        try store.save([
            .setWorkflow(id: "wf-1", winPhaseId: "p-win"),
            .upsertPhase(PhaseState(phaseId: "p-1", name: "New Lead")),
            .upsertPhase(PhaseState(phaseId: "p-2", name: "Contacted", stageId: "s-2")),
            .upsertPhase(PhaseState(phaseId: "p-3", name: "Warm")),
            .upsertRecord(Self.ada), .upsertRecord(bare), .upsertRecord(phoneOnly),
        ])
        var expected = StateSnapshot(lineage: try store.snapshot().lineage, workflowId: "wf-1", winPhaseId: "p-win",
                                     phases: [PhaseState(phaseId: "p-1", name: "New Lead"),
                                              PhaseState(phaseId: "p-2", name: "Contacted", stageId: "s-2"),
                                              PhaseState(phaseId: "p-3", name: "Warm")],
                                     records: ["L-001": Self.ada, "L-002": bare, "L-003": phoneOnly])
        #expect(try store.snapshot() == expected)

        // A renamed phase keeps its place; a replaced record loses the fields it no longer has.
        let moved = RecordState(key: "L-001", contactId: "c-1", target: .archive)
        try store.save([.upsertPhase(PhaseState(phaseId: "p-3", name: "Qualified")), .upsertRecord(moved),
                        .removePhase(phaseId: "p-1"), .removeRecord(key: "L-002"), .removeRecord(key: "nope"),
                        .setWorkflow(id: nil, winPhaseId: nil)])
        expected.phases = [PhaseState(phaseId: "p-2", name: "Contacted", stageId: "s-2"), PhaseState(phaseId: "p-3", name: "Qualified")]
        expected.records = ["L-001": moved, "L-003": phoneOnly]
        expected.workflowId = nil; expected.winPhaseId = nil
        #expect(try store.snapshot() == expected)
        // A second store on the same file reads the same.
        #expect(try SQLiteStateStore.open(path: temp.path).snapshot() == expected)
        #expect(try store.checkIntegrity() == [])
    }

    @Test func mutationsAreCodable() throws {
        let mutations: [StateMutation] = [.setWorkflow(id: "w", winPhaseId: nil), .upsertPhase(PhaseState(phaseId: "p", name: "N")),
                                          .removePhase(phaseId: "p"), .upsertRecord(Self.ada), .removeRecord(key: "k")]
        let decoded = try JSONDecoder().decode([StateMutation].self, from: JSONEncoder().encode(mutations))
        #expect(decoded == mutations)
    }

    @Test func serialCountsUp() throws {
        let store = try SQLiteStateStore.open(path: TemporaryStatePath().path)
        #expect(try store.bumpSerial() == 1)
        #expect(try store.bumpSerial() == 2)
        #expect(try store.snapshot().serial == 2)
    }
}

@Suite("moving a damaged state aside")
struct StateRepairTests {
    @Test("health tells sound, missing and damaged apart; moveAside keeps every file under a timestamped name")
    func moveAside() async throws {
        let temp = TemporaryStatePath()
        #expect(try SQLiteStateStore.health(path: temp.path) == .missing)
        do {
            let store = try SQLiteStateStore.open(path: temp.path)
            try store.save([.setWorkflow(id: "wf-1", winPhaseId: nil)])
            await store.close()
        }
        #expect(try SQLiteStateStore.health(path: temp.path) == .sound)

        try Data(String(repeating: "not sqlite ", count: 200).utf8).write(to: URL(fileURLWithPath: temp.path))
        guard case .damaged = try SQLiteStateStore.health(path: temp.path) else {
            Issue.record("a file of text is not reported damaged")
            return
        }
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        let first = try SQLiteStateStore.moveAside(path: temp.path, at: date)
        #expect(first == temp.path + ".damaged-20261130T005320Z")
        #expect(!FileManager.default.fileExists(atPath: temp.path))
        #expect(FileManager.default.contents(atPath: first) == Data(String(repeating: "not sqlite ", count: 200).utf8))
        try Data("again".utf8).write(to: URL(fileURLWithPath: temp.path))
        let second = try SQLiteStateStore.moveAside(path: temp.path, at: date)
        #expect(second == first + "-2")
        #expect(FileManager.default.fileExists(atPath: first))
    }
}
