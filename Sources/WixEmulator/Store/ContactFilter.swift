import FunnelCore

/// A Query Contacts filter in the Wix query language (wix-api.md §2.5): `{field: value}`,
/// `{field: {"$eq"|"$ne"|"$in"|"$nin"|"$exists"|"$startsWith"|"$gt"|"$gte"|"$lt"|"$lte"|"$isEmpty"|"$hasSome"|"$hasAll": …}}`,
/// combined with `$and`, `$or`, `$not`. Emails compare case-insensitively unless the site is strict about case;
/// phones compare with spaces, dashes, dots and parentheses removed.
indirect enum ContactFilter: Sendable {
    case all([ContactFilter])
    case any([ContactFilter])
    case not(ContactFilter)
    case field(String, String, JSONValue)

    static let fields: Set<String> = [
        "id", "createdDate", "updatedDate", "lastActivity.activityDate",
        "info.emails.email", "primaryInfo.email", "info.phones.phone", "primaryInfo.phone",
        "info.name.first", "info.name.last", "info.company", "info.jobTitle", "info.birthdate", "info.locale",
        "info.labelKeys",
    ]
    static let operators: Set<String> = [
        "$eq", "$ne", "$in", "$nin", "$exists", "$startsWith", "$gt", "$gte", "$lt", "$lte", "$isEmpty", "$hasSome", "$hasAll",
    ]

    static func parse(_ json: JSONValue) throws(WixError) -> ContactFilter {
        guard case .object(let object) = json else { throw .invalid("query.filter", "must be an object", rule: "FORMAT") }
        var parts: [ContactFilter] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "$and", "$or":
                guard case .array(let items) = value else { throw .invalid("query.filter.\(key)", "must be an array", rule: "FORMAT") }
                var nested: [ContactFilter] = []
                for item in items { nested.append(try parse(item)) }
                parts.append(key == "$and" ? .all(nested) : .any(nested))
            case "$not":
                parts.append(.not(try parse(value)))
            default:
                let isExtended = key.hasPrefix("info.extendedFields.")
                guard fields.contains(key) || isExtended else {
                    throw .invalid("query.filter", "cannot filter by \"\(key)\"", rule: "FORMAT")
                }
                if case .object(let ops) = value, ops.keys.contains(where: { $0.hasPrefix("$") }) {
                    for (op, operand) in ops.sorted(by: { $0.key < $1.key }) {
                        guard operators.contains(op) else {
                            throw .invalid("query.filter.\(key)", "unknown operator \"\(op)\"", rule: "FORMAT")
                        }
                        parts.append(.field(key, op, operand))
                    }
                } else {
                    parts.append(.field(key, "$eq", value))
                }
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// Emails a filter pins down with `$eq`/`$in` at its top level, for the email-index fast path.
    var indexedEmails: [String]? {
        switch self {
        case .field(let field, let op, let operand) where field == "info.emails.email" || field == "primaryInfo.email":
            if op == "$eq", case .string(let email) = operand { return [email] }
            if op == "$in", case .array(let items) = operand {
                return items.compactMap { if case .string(let email) = $0 { email } else { nil } }
            }
            return nil
        case .all(let parts):
            return parts.lazy.compactMap(\.indexedEmails).first
        default:
            return nil
        }
    }

    /// The most values one `$in`/`$nin`/`$hasSome`/`$hasAll` list of the filter holds.
    var longestList: Int {
        switch self {
        case .all(let parts), .any(let parts): return parts.map(\.longestList).max() ?? 0
        case .not(let inner): return inner.longestList
        case .field(_, _, let operand):
            if case .array(let items) = operand { return items.count }
            return 0
        }
    }

    func matches(_ contact: ContactWire.Contact, rules: SiteRules) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.matches(contact, rules: rules) }
        case .any(let parts): return parts.contains { $0.matches(contact, rules: rules) }
        case .not(let inner): return !inner.matches(contact, rules: rules)
        case .field(let field, let op, let operand):
            // `phone-filter-e164`: the phone filter compares the derived `e164Phone`, exactly.
            let e164 = rules.plays(.phoneFilterE164) && field == "info.phones.phone"
            let key: (String) -> String = e164 ? { $0 } : Self.comparisonKey(field: field, caseInsensitiveEmails: rules.caseInsensitiveEmails)
            let values = (e164 ? contact.info?.phones?.items.compactMap(\.e164Phone) ?? []
                : Self.values(of: field, in: contact)).map(key)
            let wanted: [String] = if case .array(let items) = operand { items.map { key($0.stringValue) } } else { [key(operand.stringValue)] }
            switch op {
            case "$eq": return values.contains(wanted[0])
            case "$ne": return !values.contains(wanted[0])
            case "$in", "$hasSome": return values.contains { wanted.contains($0) }
            case "$nin": return !values.contains { wanted.contains($0) }
            case "$hasAll": return wanted.allSatisfy { values.contains($0) }
            case "$exists": return (operand == .bool(false)) == values.isEmpty
            case "$isEmpty": return (operand == .bool(true)) == values.allSatisfy(\.isEmpty)
            case "$startsWith": return values.contains { $0.lowercased().hasPrefix(wanted[0].lowercased()) }
            case "$gt": return values.contains { $0 > wanted[0] }
            case "$gte": return values.contains { $0 >= wanted[0] }
            case "$lt": return values.contains { $0 < wanted[0] }
            default: return values.contains { $0 <= wanted[0] }
            }
        }
    }

    private static func comparisonKey(field: String, caseInsensitiveEmails: Bool) -> (String) -> String {
        if field.hasSuffix("email") { return caseInsensitiveEmails ? { $0.lowercased() } : { $0 } }
        if field.hasSuffix("phone") { return SiteState.normalizedPhone }
        return { $0 }
    }

    static func values(of field: String, in contact: ContactWire.Contact) -> [String] {
        let info = contact.info
        let value: [String?]
        switch field {
        case "id": value = [contact.id]
        case "createdDate": value = [contact.createdDate]
        case "updatedDate": value = [contact.updatedDate]
        case "lastActivity.activityDate": value = [contact.lastActivity?.activityDate]
        case "info.emails.email": value = info?.emails?.items.map(\.email) ?? []
        case "primaryInfo.email": value = [contact.primaryInfo?.email]
        case "info.phones.phone": value = info?.phones?.items.map(\.phone) ?? []
        case "primaryInfo.phone": value = [contact.primaryInfo?.phone]
        case "info.name.first": value = [info?.name?.first]
        case "info.name.last": value = [info?.name?.last]
        case "info.company": value = [info?.company]
        case "info.jobTitle": value = [info?.jobTitle]
        case "info.birthdate": value = [info?.birthdate]
        case "info.locale": value = [info?.locale]
        case "info.labelKeys": value = info?.labelKeys?.items ?? []
        default:
            let key = String(field.dropFirst("info.extendedFields.".count))
            value = [info?.extendedFields?.items[key]?.stringValue]
        }
        return value.compactMap { $0 }
    }
}
