import Foundation
import FunnelCore

/// Contacts v4 Extended Fields (docs/wix-labels-fields.md): find or create by display name (at most 100
/// custom fields), get, list, query, rename (the key stays), delete (also off every contact), and the
/// validation of the values a contact holds.
extension SiteState {
    /// The custom-field limit ("The number of custom fields is limited to 100").
    static let customFieldLimit = 100
    static let dataTypes: Set<String> = ["TEXT", "NUMBER", "DATE", "URL"]

    /// System fields from the documented List Extended Fields example (read-only; not counted in the limit).
    static let systemFields: [DefinitionWire.Field] = [
        ("contacts", "contacts.displayByFirstName", "Display Name (start with first)", "TEXT"),
        ("contacts", "contacts.displayByLastName", "Display Name (start with last)", "TEXT"),
        ("invoices", "invoices.vatId", "VAT ID", "TEXT"),
        ("members", "members.membershipStatus", "Membership Status", "TEXT"),
        ("ecom", "ecom.numOfPurchases", "# of Purchases", "NUMBER"),
        ("ecom", "ecom.totalSpentAmount", "Total Spent Amount", "NUMBER"),
        ("ecom", "ecom.lastPurchaseDate", "Last Purchase Date", "DATE"),
        ("emailSubscriptions", "emailSubscriptions.subscriptionStatus", "Effective Subscription Status", "TEXT"),
    ].map { .init(namespace: $0.0, key: $0.1, displayName: $0.2, dataType: $0.3, fieldType: "SYSTEM") }

    /// Custom fields in creation order, then the system ones.
    var allFields: [DefinitionWire.Field] {
        fields.inOrder() + Self.systemFields
    }

    func field(_ key: String) throws(WixError) -> DefinitionWire.Field {
        if let stored = fields[key] { return stored.definition }
        if let system = Self.systemFields.first(where: { $0.key == key }) { return system }
        throw .application(404, "EXTENDED_FIELD_NOT_FOUND", "Extended field with key \(key) not found")
    }

    /// Find Or Create Extended Field: an existing custom field whose display name matches is returned as
    /// it is, `dataType` ignored ("Ignored if an existing field is an exact match"), with `newField: false`.
    mutating func findOrCreateField(_ body: DefinitionWire.FindOrCreateFieldBody, rules: SiteRules)
        throws(WixError) -> DefinitionWire.FoundOrCreatedField {
        let name = try Self.displayName(body.displayName)
        if let found: DefinitionWire.Field = fields.named(name, rules: rules) { return .init(field: found, newField: false) }
        let dataType = (body.dataType ?? "TEXT").uppercased()
        guard Self.dataTypes.contains(dataType) else {
            throw .invalid("dataType", "must be TEXT, NUMBER, DATE or URL, got \"\(body.dataType ?? "")\"", rule: "FORMAT")
        }
        guard fields.count < Self.customFieldLimit else {
            throw .application(429, "CUSTOM_FIELDS_LIMIT_REACHED",
                               "The number of custom fields is limited to \(Self.customFieldLimit)")
        }
        let now = Timestamp.now(milliseconds: false)
        let key = uniqueKey(name, taken: { fields[$0] != nil })
        let field = DefinitionWire.Field(namespace: "custom", key: key, displayName: name, dataType: dataType,
                                         fieldType: "USER_DEFINED", createdDate: now, updatedDate: now)
        fields.append(field)
        return .init(field: field, newField: true)
    }

    /// Update Extended Field: renames; the key and the data type never change.
    mutating func renameField(_ key: String, _ body: DefinitionWire.UpdateFieldBody) throws(WixError) -> DefinitionWire.Field {
        _ = try field(key)
        let name = try Self.displayName(body.field?.displayName, field: "field.displayName")
        return try fields.rename(key, to: name, conflictCode: "EXTENDED_FIELD_ALREADY_EXISTS")
    }

    /// Delete Extended Field: "any contact data stored in the field is permanently deleted as well".
    mutating func deleteField(_ key: String) throws(WixError) {
        guard try field(key).isUserDefined else {
            throw .application(403, "PERMISSION_DENIED", "system field \(key) cannot be deleted")
        }
        fields[key] = nil
        updateContacts { info in info.extendedFields?.items.removeValue(forKey: key) != nil }
    }

    // MARK: Values on contacts

    /// The extended fields a contact write leaves: `sent` checked against the definitions and normalised
    /// (URL gets `https://`; empty values are dropped: "Empty extended fields are not returned").
    /// `custom.*` keys must name a defined field; keys of other namespaces are Wix's (read-only) and dropped.
    func checkedExtendedFields(_ sent: [String: JSONValue], merging stored: [String: JSONValue]?, rules: SiteRules)
        throws(WixError) -> [String: JSONValue] {
        var result = stored ?? [:]
        for (key, value) in sent.sorted(by: { $0.key < $1.key }) {
            guard key.hasPrefix("custom.") else { continue }
            if value == .null || value == .string("") {
                result[key] = nil
                continue
            }
            guard let definition = fields[key]?.definition else {
                throw Self.badValue(key, "no custom field has the key \(key); create it first (Find Or Create Extended Field)")
            }
            result[key] = try Self.checkedValue(value, of: definition, rules: rules)
        }
        return result
    }

    /// One value against its field's `dataType`: TEXT a string, NUMBER a number, DATE `YYYY-MM-DD`,
    /// URL a URL (`https://` prepended when it has no scheme).
    static func checkedValue(_ value: JSONValue, of field: DefinitionWire.Field, rules: SiteRules) throws(WixError) -> JSONValue {
        let key = field.key
        switch (field.dataType, value) {
        case ("TEXT", .string):
            return value
        case ("NUMBER", .number(let number)) where number.isFinite:
            return value
        case ("DATE", .string(let text)):
            // Under `date-field-timestamp` a value read back (a timestamp at midnight UTC) may be sent again as it is.
            let sent = rules.plays(.dateFieldTimestamp) && text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z/) != nil
                ? String(text.prefix(10)) : text
            guard let date = DateValue(sent) else {
                throw badValue(key, "a DATE value must be a date formatted as YYYY-MM-DD, got \"\(text)\"")
            }
            return .string(rules.plays(.dateFieldTimestamp) ? date.text + "T00:00:00.000Z" : date.text)
        case ("URL", .string(let text)):
            let candidate = text.contains("://") ? text : "https://" + text
            guard !text.contains(where: \.isWhitespace), let url = URL(string: candidate), let scheme = url.scheme,
                  ["http", "https"].contains(scheme.lowercased()), let host = url.host, host.contains(".") || host == "localhost"
            else { throw badValue(key, "a URL value must be a web address, got \"\(text)\"") }
            return .string(candidate)
        default:
            throw badValue(key, "a \(field.dataType) value cannot be \(value)")
        }
    }

    static func badValue(_ key: String, _ description: String) -> WixError {
        .application(400, "INVALID_EXTENDED_FIELD_VALUE", description, data: ["key": .string(key)])
    }
}

/// A calendar date written `YYYY-MM-DD` (a real day: no February 30th).
struct DateValue: Sendable, Equatable {
    var text: String

    init?(_ text: String) {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(parts[1]), let date = calendar.date(from: components),
              calendar.component(.day, from: date) == parts[2], calendar.component(.month, from: date) == parts[1]
        else { return nil }
        self.text = text
    }
}
