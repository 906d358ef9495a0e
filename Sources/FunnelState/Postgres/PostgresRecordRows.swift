import Foundation
import FunnelCore
import PostgresNIO

/// How `RecordState`s travel to and from `funnel_record`: written in batches as one JSON array
/// (`jsonb_to_recordset`, one statement per batch instead of one per record), read column by column.
enum PostgresRecordRows {
    /// The columns after `namespace`, in table order.
    static let columns = RecordColumns.names
    static let list = columns.joined(separator: ", ")

    /// Upserts `records` (distinct keys) of `namespace` in one statement.
    static func upsert(_ records: [RecordState], namespace: String) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(namespace)
        bindings.append(try json(records))
        return PostgresQuery(unsafeSQL: upsertSQL(namespace: "$1", json: "$2", condition: nil), binds: bindings)
    }

    /// The upsert statement over bind parameters (e.g. `$1`, `$2`), writing nothing unless
    /// `condition` (SQL) holds.
    static func upsertSQL(namespace: String, json: String, condition: String?) -> String {
        let types = columns.map { "\($0) \($0 == "contact_managed" ? "boolean" : "text")" }.joined(separator: ", ")
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO funnel_record (namespace, \(list))
            SELECT \(namespace), \(columns.map { "r.\($0)" }.joined(separator: ", ")) FROM jsonb_to_recordset(\(json)::jsonb) AS r(\(types))
            \(condition.map { "WHERE \($0)" } ?? "")
            ON CONFLICT (namespace, key) DO UPDATE SET \(updates)
            """
    }

    /// The records as the JSON array `jsonb_to_recordset` reads.
    static func json(_ records: [RecordState]) throws -> String {
        String(decoding: try JSONEncoder().encode(records.map(Row.init)), as: UTF8.self)
    }

    typealias Columns = (String, String?, String?, String?, String?, Bool, String?, String?, String?, String?, String?,
                         String?, String?, String?, String?, String?, String?, String?, String?)

    /// A record from a row selected with `list`.
    static func record(_ row: PostgresRow) throws -> RecordState {
        let c = try row.decode(Columns.self)
        let identity = c.1.flatMap(ContactIdentity.Kind.init(rawValue:)).flatMap { kind in
            c.2.map { ContactIdentity(kind: kind, value: $0) }
        }
        var contact = c.5 ? DesiredContact(first: c.6, last: c.7, email: c.8, phone: c.9, company: c.10, jobTitle: c.11) : nil
        RecordColumns.extras(labels: c.16, custom: c.17, into: &contact)
        var record = RecordState(key: c.0, identity: identity, contactId: c.3, cardId: c.4, contact: contact, cardName: c.12,
                                 cardDescription: c.13, target: c.14.map(TargetRef.init), phaseId: c.15)
        record.cardDue = c.18
        return record
    }

    /// One `funnel_record` row as a JSON object keyed by column name; nil values are written as
    /// null (not left out), so an upsert clears them.
    private struct Row: Encodable {
        let values: [String?]
        let managed: Bool

        init(_ record: RecordState) {
            let contact = record.contact
            managed = contact != nil
            values = [record.key, record.identity?.kind.rawValue, record.identity?.value, record.contactId, record.cardId, nil,
                      contact?.first, contact?.last, contact?.email, contact?.phone, contact?.company, contact?.jobTitle,
                      record.cardName, record.cardDescription, record.target?.text, record.phaseId,
                      RecordColumns.labelsText(contact), RecordColumns.customText(contact), record.cardDue]
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in zip(PostgresRecordRows.columns, values) {
                if name == "contact_managed" { try container.encode(managed, forKey: Key(name)) } else { try container.encode(value, forKey: Key(name)) }
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}
