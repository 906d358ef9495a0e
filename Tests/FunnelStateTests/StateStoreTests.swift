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

    @Test func aFileThatIsNotADatabaseIsReportedUnreadable() throws {
        let temp = TemporaryStatePath()
        try FileManager.default.createDirectory(atPath: (temp.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(String(repeating: "not sqlite ", count: 200).utf8).write(to: URL(fileURLWithPath: temp.path))
        #expect {
            try SQLiteStateStore.open(path: temp.path)
        } throws: { error in
            guard case StateStoreError.unreadable(let path, _) = error else { return false }
            return path == temp.path
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
