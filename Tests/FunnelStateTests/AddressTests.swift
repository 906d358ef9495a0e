import Foundation
import FunnelCore
import Testing
@testable import FunnelState

@Suite("State addresses: list, show, rm")
struct AddressTests {
    @Test(arguments: [
        ("workflow", StateAddress.workflow),
        ("phase[\"New Lead\"]", .phase(name: "New Lead")),
        ("contact[\"L-001\"]", .contact(key: "L-001")),
        ("card[\"L-001\"]", .card(key: "L-001")),
        ("record[\"L-001\"]", .record(key: "L-001")),
        ("phase[\"Say \\\"hi\\\" \\\\ bye\"]", .phase(name: "Say \"hi\" \\ bye")),
    ])
    func parsesAndPrintsTheSameAddress(text: String, address: StateAddress) throws {
        #expect(try StateAddress(parsing: text) == address)
        #expect(address.description == text)
    }

    @Test func acceptsUnquotedKeys() throws {
        #expect(try StateAddress(parsing: "card[L-001]") == .card(key: "L-001"))
        #expect(try StateAddress(parsing: " phase[New Lead] ") == .phase(name: "New Lead"))
    }

    @Test(arguments: ["", "workflows", "card", "card[]", "card[\"\"]", "deal[\"L-1\"]", "card[\"a\"b\"]", "card[\"a\\\"]", "card[\"L-1\""])
    func rejectsMalformedAddresses(text: String) {
        #expect(throws: StateStoreError.invalidAddress(text)) { try StateAddress(parsing: text) }
    }

    static func filledStore() throws -> (SQLiteStateStore, TemporaryStatePath) {
        let temp = TemporaryStatePath()
        let store = try SQLiteStateStore.open(path: temp.path)
        try store.save([
            .setWorkflow(id: "wf-1", winPhaseId: "p-win"),
            .upsertPhase(PhaseState(phaseId: "p-2", name: "New Lead", stageId: "s-new")),
            .upsertPhase(PhaseState(phaseId: "p-1", name: "Contacted")),
            .upsertRecord(StateStoreTests.ada),
            .upsertRecord(RecordState(key: "L-002", contactId: "c-2")),
            .upsertRecord(RecordState(key: "L-000", cardId: "k-0")),
            .upsertRecord(RecordState(key: "L-004")),
        ])
        return (store, temp)
    }

    @Test func listsEveryAddress() throws {
        let (store, _) = try Self.filledStore()
        #expect(try store.addresses() == [
            "workflow", "phase[\"New Lead\"]", "phase[\"Contacted\"]",
            "contact[\"L-001\"]", "contact[\"L-002\"]", "card[\"L-000\"]", "card[\"L-001\"]", "record[\"L-004\"]",
        ])
        #expect(try SQLiteStateStore.open(path: TemporaryStatePath().path).addresses().isEmpty)
    }

    @Test func showsKeyValueLines() throws {
        let (store, _) = try Self.filledStore()
        try store.save([.upsertPhase(PhaseState(phaseId: "p-3", name: "Qualified"))])
        func show(_ address: String) throws -> [String]? { try store.show(address: address)?.map { "\($0): \($1)" } }
        #expect(try show("workflow") == ["id: wf-1", "win_phase_id: p-win"])
        #expect(try show("phase[\"New Lead\"]") == ["id: p-2", "name: New Lead", "stage_id: s-new", "position: 1"])
        #expect(try show("contact[\"L-001\"]") == [
            "key: L-001", "contact_id: c-1", "identity: email:ada@example.com", "first: Ada", "last: Lovelace",
            "email: ada@example.com", "phone: +33612345678", "company: Engines", "job_title: Analyst",
        ])
        #expect(try show("card[L-001]") == [
            "key: L-001", "card_id: k-1", "name: Ada Lovelace", "description: Engines", "target: Qualified",
            "phase_id: p-3", "phase: Qualified",
        ])
        #expect(try show("record[\"L-002\"]") == ["key: L-002", "contact_id: c-2"])
        #expect(try show("card[\"L-002\"]") == nil)
        #expect(try show("phase[\"Won\"]") == nil)
        #expect(try SQLiteStateStore.open(path: TemporaryStatePath().path).show(address: "workflow") == nil)
    }

    @Test func removesOnlyWhatTheAddressNames() throws {
        let (store, _) = try Self.filledStore()
        #expect(try store.remove(address: "contact[\"L-001\"]"))
        var record = try #require(try store.snapshot().records["L-001"])
        #expect(record.contactId == nil && record.identity == nil && record.contact == nil && record.cardId == "k-1")
        #expect(try store.remove(address: "contact[\"L-001\"]") == false)
        #expect(try store.remove(address: "card[\"L-001\"]"))
        #expect(try store.snapshot().records["L-001"] == nil)

        #expect(try store.remove(address: "record[\"L-002\"]"))
        #expect(try store.remove(address: "phase[\"Contacted\"]"))
        #expect(try store.remove(address: "workflow"))
        #expect(try store.remove(address: "workflow") == false)
        let state = try store.snapshot()
        #expect(state.workflowId == nil && state.winPhaseId == nil)
        #expect(state.phases.map(\.name) == ["New Lead"])
        #expect(Set(state.records.keys) == ["L-000", "L-004"])
        record = try #require(state.records["L-000"])
        #expect(record.cardId == "k-0")
        #expect(throws: StateStoreError.invalidAddress("deal[1]")) { try store.remove(address: "deal[1]") }
    }

    @Test func namesTheNearestAddress() throws {
        #expect(StateStoreError.unknownAddress("card[\"L-01\"]", nearest: "card[\"L-001\"]").description
            == "the state holds no card[\"L-01\"] (did you mean card[\"L-001\"]?)")
    }
}
