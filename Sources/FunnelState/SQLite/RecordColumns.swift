import Foundation
import FunnelCore
import GRDB

/// How a `RecordState` maps to the `record` table's columns (one column per field, no JSON, so a
/// 100,000-record snapshot decodes fast).
enum RecordColumns {
    static let names = [
        "key", "identity_kind", "identity_value", "contact_id", "card_id", "contact_managed",
        "contact_first", "contact_last", "contact_email", "contact_phone", "contact_company", "contact_job_title",
        "card_name", "card_description", "target", "phase_id", "contact_labels", "contact_custom", "card_due",
    ]
    static let list = names.joined(separator: ", ")
    static let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")

    static func arguments(for record: RecordState) -> StatementArguments {
        let contact = record.contact
        return [
            record.key, record.identity?.kind.rawValue, record.identity?.value, record.contactId, record.cardId,
            contact != nil, contact?.first, contact?.last, contact?.email, contact?.phone, contact?.company,
            contact?.jobTitle, record.cardName, record.cardDescription, record.target?.text, record.phaseId,
            labelsText(contact), customText(contact), record.cardDue,
        ]
    }

    /// The labels funnel added, as a JSON array (nil when the config maps none).
    static func labelsText(_ contact: DesiredContact?) -> String? {
        contact?.labels.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
    }

    /// The custom values last applied, as a JSON object (nil when the config maps none).
    static func customText(_ contact: DesiredContact?) -> String? {
        contact?.custom.flatMap { custom in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return try? String(decoding: encoder.encode(custom), as: UTF8.self)
        }
    }

    /// Puts the labels and custom values read back into `contact`.
    static func extras(labels: String?, custom: String?, into contact: inout DesiredContact?) {
        guard contact != nil else { return }
        contact?.labels = labels.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        contact?.custom = custom.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }

    /// Reads a row selected with `list`, by column index.
    static func record(from row: Row) -> RecordState {
        var identity: ContactIdentity?
        if let kind: String = row[1], let value: String = row[2], let parsed = ContactIdentity.Kind(rawValue: kind) {
            identity = ContactIdentity(kind: parsed, value: value)
        }
        var contact: DesiredContact? = (row[5] as Bool) ? DesiredContact(
            first: row[6], last: row[7], email: row[8], phone: row[9], company: row[10], jobTitle: row[11]) : nil
        extras(labels: row[16], custom: row[17], into: &contact)
        let target: String? = row[14]
        var record = RecordState(key: row[0], identity: identity, contactId: row[3], cardId: row[4], contact: contact,
                                 cardName: row[12], cardDescription: row[13], target: target.map(TargetRef.init),
                                 phaseId: row[15])
        record.cardDue = row[18]
        return record
    }
}
