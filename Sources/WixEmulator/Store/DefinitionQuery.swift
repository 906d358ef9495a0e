import FunnelCore

/// List and Query for labels and extended fields: a filter in the Wix query language over a few string
/// properties (`$eq $ne $in $startsWith`, `$and $or`), one sort, offset paging (default 100, at most 1000).
struct DefinitionQuery: Sendable {
    var filter: JSONValue?
    var sortField: String?
    var descending = false
    var limit: Int?
    var offset: Int?

    static let defaultLimit = 100
    static let maxLimit = 1000

    /// The page of `items`, each seen through `properties` (property name → value).
    func page<T>(_ items: [T], properties: (T) -> [String: String], filterable: Set<String>, sortable: Set<String>,
                 rules: SiteRules) throws(WixError) -> (items: [T], metadata: DefinitionWire.Metadata) {
        let window = try PageWindow(limit: limit, offset: offset, defaultLimit: Self.defaultLimit, maxLimit: Self.maxLimit,
                                    rejectOversized: rules.rejectsOversizedPages,
                                    limitField: "paging.limit", offsetField: "paging.offset")
        if let sortField, !sortable.contains(sortField) {
            throw .invalid("sort.fieldName", "cannot sort by \"\(sortField)\"; sortable: \(sortable.sorted().joined(separator: ", "))",
                           rule: "FORMAT")
        }
        var rows = items.map { ($0, properties($0)) }
        if let filter {
            var kept: [(T, [String: String])] = []
            for row in rows where try Self.matches(filter, row.1, filterable: filterable) { kept.append(row) }
            rows = kept
        }
        if let sortField {
            rows = rows.enumerated().sorted { lhs, rhs in
                let left = lhs.element.1[sortField] ?? "", right = rhs.element.1[sortField] ?? ""
                if left != right { return descending ? left > right : left < right }
                return lhs.offset < rhs.offset
            }.map(\.element)
        }
        let range = window.range(total: rows.count)
        let page = rows[range].map(\.0)
        return (page, .init(count: page.count, offset: window.offset, total: rows.count, tooManyToCount: false))
    }

    static func matches(_ filter: JSONValue, _ row: [String: String], filterable: Set<String>) throws(WixError) -> Bool {
        guard case .object(let object) = filter else { throw .invalid("query.filter", "must be an object", rule: "FORMAT") }
        for (key, condition) in object {
            switch key {
            case "$and", "$or":
                guard case .array(let parts) = condition else { throw .invalid("query.filter.\(key)", "must be an array", rule: "FORMAT") }
                var results: [Bool] = []
                for part in parts { results.append(try matches(part, row, filterable: filterable)) }
                if key == "$and" ? results.contains(false) : !results.contains(true) { return false }
            default:
                guard filterable.contains(key) else {
                    throw .invalid("query.filter", "cannot filter by \"\(key)\"; filterable: \(filterable.sorted().joined(separator: ", "))",
                                   rule: "FORMAT")
                }
                if try !test(condition, row[key] ?? "", field: key) { return false }
            }
        }
        return true
    }

    private static func test(_ condition: JSONValue, _ value: String, field: String) throws(WixError) -> Bool {
        guard case .object(let operators) = condition else { return condition.stringValue == value }
        for (op, operand) in operators {
            let ok: Bool
            switch op {
            case "$eq": ok = operand.stringValue == value
            case "$ne": ok = operand.stringValue != value
            case "$startsWith": ok = value.hasPrefix(operand.stringValue)
            case "$in":
                guard case .array(let list) = operand else { throw .invalid("query.filter.\(field)", "$in takes an array", rule: "FORMAT") }
                ok = list.contains { $0.stringValue == value }
            default:
                throw .invalid("query.filter.\(field)", "unsupported operator \(op)", rule: "FORMAT")
            }
            if !ok { return false }
        }
        return true
    }
}

extension DefinitionWire.Label {
    var properties: [String: String] {
        ["key": key, "displayName": displayName, "namespace": namespace, "labelType": labelType,
         "createdDate": createdDate ?? "", "updatedDate": updatedDate ?? ""]
    }
    static let filterable: Set<String> = ["key", "displayName", "namespace", "labelType", "createdDate", "updatedDate"]
    static let sortable: Set<String> = ["displayName", "createdDate", "updatedDate"]
}

extension DefinitionWire.Field {
    var properties: [String: String] {
        ["key": key, "displayName": displayName, "namespace": namespace, "fieldType": fieldType, "dataType": dataType,
         "createdDate": createdDate ?? "", "updatedDate": updatedDate ?? ""]
    }
    static let filterable: Set<String> = ["key", "displayName", "namespace", "fieldType", "dataType", "createdDate", "updatedDate"]
    static let sortable: Set<String> = ["displayName", "createdDate", "updatedDate"]
}
