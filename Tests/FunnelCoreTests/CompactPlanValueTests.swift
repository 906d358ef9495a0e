import Foundation
import FunnelCore
import Testing

/// The compact forms a large plan holds (issue #15): a contact and a provenance shared by copies, a
/// step's values as a sorted array, a lead's address as its key. Each must behave exactly like the
/// plain value it replaced: same reads, same writes, same equality, same JSON.
@Suite struct CompactPlanValueTests {
    /// A write to one copy never shows through another (the box is shared until then).
    @Test func contactCopiesAreIndependent() {
        let original = DesiredContact(first: "Ilse", email: "ilse@example.com", labels: ["A"], custom: ["Deal value": "10"])
        var copy = original
        copy.first = "Bruno"
        copy.custom?["Deal value"] = "20"
        copy.labels = nil
        #expect(original.first == "Ilse" && original.custom == ["Deal value": "10"] && original.labels == ["A"])
        #expect(copy.first == "Bruno" && copy.custom == ["Deal value": "20"] && copy.labels == nil)
        #expect(copy.email == "ilse@example.com")
        #expect(original != copy)
        copy.first = "Ilse"; copy.custom?["Deal value"] = "10"; copy.labels = ["A"]
        #expect(original == copy && original.hashValue == copy.hashValue)
        #expect(DesiredContact() == DesiredContact(first: nil))
        var empty = DesiredContact()
        empty.phone = "+14155550100"
        #expect(DesiredContact().phone == nil && empty.phone == "+14155550100")
    }

    @Test func provenanceCopiesAreIndependent() {
        let original = Provenance(recordKey: "L-1", record: "leads.csv:2")
        var copy = original
        copy.config = SourceLocation(file: "funnel.yaml", line: 3, column: 5)
        copy.record = nil
        #expect(original.config == nil && original.record == "leads.csv:2")
        #expect(copy.config?.line == 3 && copy.record == nil && copy.recordKey == "L-1")
        #expect(Provenance() == Provenance(recordKey: nil) && Provenance() != original)
    }

    /// The JSON is what the inline structs wrote: the fields at the top level, nil ones left out.
    @Test func contactAndProvenanceJSONUnchanged() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let contact = DesiredContact(first: "Ilse", jobTitle: "CTO", labels: ["A"], custom: ["Deal value": "10"])
        let json = String(decoding: try encoder.encode(contact), as: UTF8.self)
        #expect(json == #"{"custom":{"Deal value":"10"},"first":"Ilse","jobTitle":"CTO","labels":["A"]}"#)
        #expect(try JSONDecoder().decode(DesiredContact.self, from: Data(json.utf8)) == contact)
        let provenance = Provenance(recordKey: "L-1", config: SourceLocation(file: "f.yaml", line: 2, column: 3))
        let provenanceJSON = String(decoding: try encoder.encode(provenance), as: UTF8.self)
        #expect(provenanceJSON == #"{"config":{"column":3,"file":"f.yaml","line":2},"recordKey":"L-1"}"#)
        #expect(try JSONDecoder().decode(Provenance.self, from: Data(provenanceJSON.utf8)) == provenance)
    }

    /// A lead's step keeps its key; it reads, compares and hashes as the text a saved plan holds.
    @Test func stepAddressReadsAsText() {
        let operation = StepOperation.archiveCard(card: "card-1")
        var keyed = PlanStep(id: 1, group: .cardArchive, action: .archiveCard, place: .card(key: #"L-"1""#),
                             values: (nil, nil), reason: "r", operation: operation)
        let text = PlanStep(id: 1, group: .cardArchive, action: .archiveCard, address: #"card["L-\"1\""]"#,
                            reason: "r", operation: operation)
        #expect(keyed.address == #"card["L-\"1\""]"#)
        #expect(keyed == text && keyed.hashValue == text.hashValue)
        #expect(StepAddress.contact(key: "L-1").description == #"contact["L-1"]"#)
        #expect(StepAddress.contact(key: "L-1") != StepAddress.card(key: "L-1"))
        keyed.address = "card[\"L-*\"]"
        #expect(keyed.address == "card[\"L-*\"]" && keyed != text)
    }

    /// The planner's own writes keep the entries sorted and unique.
    @Test func stepValuesWrites() {
        var values: StepValues = ["phase": "New Lead", "name": "Ilse"]
        values["due"] = "2027-01-01"
        values["name"] = "Ilse Keller"
        values["phase"] = nil
        values["absent"] = nil
        #expect(values.dictionary == ["due": "2027-01-01", "name": "Ilse Keller"])
        #expect(values == StepValues(["name": "Ilse Keller", "due": "2027-01-01"]))
        #expect(values["due"] == "2027-01-01" && values["phase"] == nil && !values.isEmpty)
        let step = PlanStep(id: 1, group: .cardCreate, action: .createCard, place: .card(key: "L-1"), values: (nil, values),
                            reason: "r", operation: .archiveCard(card: "c"))
        #expect(step.after == ["name": "Ilse Keller", "due": "2027-01-01"] && step.before == nil)
    }

    /// Before/after read and write as dictionaries; the step's JSON is unchanged (keys sorted, nil left out).
    @Test func stepValuesAndJSON() throws {
        var step = PlanStep(id: 2, group: .contacts, action: .updateContact, address: #"contact["L-1"]"#,
                            before: ["phone": "+1 555", "company": "Initech"], after: ["phone": "+1 556", "company": "Initech"],
                            reason: "contact fields changed in the source",
                            operation: .updateContact(contact: "c-1", revision: 3, fields: DesiredContact(phone: "+1 556")))
        #expect(step.before == ["company": "Initech", "phone": "+1 555"])
        #expect(step.after?["phone"] == "+1 556" && step.after?["email"] == nil)
        step.after?["email"] = "x@example.com"
        #expect(step.after == ["company": "Initech", "phone": "+1 556", "email": "x@example.com"])
        step.before = nil
        #expect(step.before == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(step), as: UTF8.self)
        #expect(json.hasPrefix(#"{"action":"update_contact","address":"contact[\"L-1\"]","after":{"company":"Initech","email":"x@example.com","phone":"+1 556"},"depends_on":[],"group":"contacts","id":2,"operation":"#))
        #expect(!json.contains(#""before""#))
        #expect(try JSONDecoder().decode(PlanStep.self, from: Data(json.utf8)) == step)
    }
}
