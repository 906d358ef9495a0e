import Foundation
import FunnelCore
import WixAPI

/// `funnel doctor --write`: the readings of labels, custom fields and due dates (issue 20), settled
/// on scratch definitions named `funnel-doctor-<suffix>…`, which the cleanup deletes again.
extension ScratchSite {
    var definitionName: String { "funnel-doctor-\(suffix)" }

    /// Find Or Create Label twice, the second time with the name in capitals.
    func definitionNameCase(_ made: Made) async throws -> DoctorCheck {
        let first = try await client.findOrCreateLabel(displayName: definitionName)
        made.labels.append(first.key)
        let second = try await client.findOrCreateLabel(displayName: definitionName.uppercased())
        if second.key != first.key { made.labels.append(second.key) }
        let same = second.key == first.key
        return DoctorCheck(id: WixReading.definitionNameCaseInsensitive.rawValue, assumes: "",
                           detail: same ? "the name in capitals found the same label: names match ignoring case"
                               : "the name in capitals made a second label: names match exactly",
                           // funnel uses the key each Find Or Create returns, so either answer works.
                           variant: same, ok: !first.key.isEmpty && !second.key.isEmpty)
    }

    /// A DATE field set to a day, read back: as sent, or as a timestamp.
    func dateField(_ made: Made) async throws -> DoctorCheck {
        let field = try await client.findOrCreateExtendedField(displayName: "\(definitionName) date", dataType: "DATE")
        made.fields.append(field.key)
        try await setExtendedFields(made.contact!, [field.key: .string("2027-01-15")])
        let read = try await client.getContact(id: made.contact!)
        let raw = LiveReader.liveContact(read).extendedValues[field.key] ?? ""
        let day = try? CustomFieldType.date.normalize(raw).get()
        return DoctorCheck(id: WixReading.dateFieldTimestamp.rawValue, assumes: "",
                           detail: "a DATE value sent as 2027-01-15 was read back as \(raw.isEmpty ? "nothing" : raw)",
                           variant: raw.hasPrefix("2027-01-15T"), ok: day == "2027-01-15")
    }

    /// Two TEXT fields set, then an update that sends only one of them.
    func extendedFieldsMerge(_ made: Made) async throws -> DoctorCheck {
        let kept = try await client.findOrCreateExtendedField(displayName: "\(definitionName) kept", dataType: "TEXT")
        made.fields.append(kept.key)
        let sent = try await client.findOrCreateExtendedField(displayName: "\(definitionName) sent", dataType: "TEXT")
        made.fields.append(sent.key)
        let id = made.contact!
        try await setExtendedFields(id, [kept.key: .string("kept"), sent.key: .string("one")])
        // The question: extendedFields holding only one key.
        let before = try await client.getContact(id: id)
        var update = ContactInfoUpdate(before)
        update.set("extendedFields", .object(["items": .object([sent.key: .string("two")])]))
        _ = try await client.updateContact(id: id, revision: before.revision, update: update)
        let merged = LiveReader.liveContact(try await client.getContact(id: id)).extendedValues[kept.key] == "kept"
        // funnel's way: every custom field as read, only the owned one changed.
        try await setExtendedFields(id, [kept.key: .string("kept")])
        try await setExtendedFields(id, [sent.key: .string("three")])
        let after = LiveReader.liveContact(try await client.getContact(id: id)).extendedValues
        return DoctorCheck(id: WixReading.extendedFieldsMerge.rawValue, assumes: "",
                           detail: merged ? "an update sending one custom field kept the other: extendedFields is merged"
                               : "an update sending one custom field erased the other: extendedFields is replaced whole",
                           variant: merged, ok: after[kept.key] == "kept" && after[sent.key] == "three")
    }

    /// A card created with a due date, read back raw and through the client.
    func dueDate(_ made: Made) async throws -> DoctorCheck {
        let due = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15T08:00:00Z
        let card = try await client.createCard(workflowId: made.workflow!, phaseId: made.phases[0],
                                               card: CardFields(name: "funnel doctor due", contactId: made.contact!,
                                                                source: "funnel doctor", dueDate: due))
        let raw = try await client.probe("GET", "/workflows/v1/cards/\(card)")
        let text = raw[path: "card.info.dueDate"]?.stringValue ?? ""
        let read = try await client.getCard(id: card)?.info.dueDate
        try await client.archiveCard(id: card) // the contact may hold one active card: free it for archived-card-404
        return DoctorCheck(id: WixReading.dueDateMillis.rawValue, assumes: "",
                           detail: "a due date sent as 2027-01-15T08:00:00Z was read back as \(text.isEmpty ? "nothing" : text)",
                           variant: text.contains("."), ok: read.map(ISODate.day) == "2027-01-15")
    }

    /// Sets custom fields the way funnel does: the whole `info` as read, these keys changed.
    func setExtendedFields(_ id: String, _ values: [String: JSONValue]) async throws {
        let contact = try await client.getContact(id: id)
        var update = ContactInfoUpdate(contact)
        for (key, value) in values { update.setExtendedField(key, value) }
        _ = try await client.updateContact(id: id, revision: contact.revision, update: update)
    }

    /// Deletes the scratch labels and fields; what could not be deleted, for the cleanup's detail.
    func deleteDefinitions(_ made: Made) async -> [String] {
        var problems: [String] = []
        for (kind, keys) in [("labels", made.labels), ("extended-fields", made.fields)] {
            for key in keys {
                do { _ = try await client.probe("DELETE", "/contacts/v4/\(kind)/\(key)") } catch {
                    problems.append("\(kind == "labels" ? "label" : "custom field") \(key) not deleted: \(error); delete it in the dashboard")
                }
            }
        }
        return problems
    }
}
