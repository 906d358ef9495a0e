/// A label or an extended field definition: what Find Or Create, rename and delete share.
protocol Definition: Codable, Sendable {
    var key: String { get }
    var displayName: String { get set }
    var updatedDate: String? { get set }
    /// Whether API callers may rename or delete it (`USER_DEFINED`; system ones are Wix's).
    var isUserDefined: Bool { get }
    /// The properties List and Query filter and sort by, by name.
    var properties: [String: String] { get }
    static var filterable: Set<String> { get }
    static var sortable: Set<String> { get }
}

extension DefinitionWire.Label: Definition {
    var isUserDefined: Bool { labelType == "USER_DEFINED" }
}

extension DefinitionWire.Field: Definition {
    var isUserDefined: Bool { fieldType == "USER_DEFINED" }
}

/// A user-defined label or custom field as the site keeps it, with its place in creation order.
struct StoredDefinition<Value: Definition>: Codable, Sendable {
    var definition: Value
    var sequence: Int
}

typealias StoredLabel = StoredDefinition<DefinitionWire.Label>
typealias StoredField = StoredDefinition<DefinitionWire.Field>

extension TrackedTable {
    /// The definitions in creation order.
    func inOrder<D>() -> [D] where Value == StoredDefinition<D> {
        values.sorted { $0.sequence < $1.sequence }.map(\.definition)
    }

    /// The first definition (in creation order) whose display name is `name`: "an exact match", or equal
    /// ignoring case under `definition-name-case-insensitive`.
    func named<D>(_ name: String, rules: SiteRules) -> D? where Value == StoredDefinition<D> {
        let ignoringCase = rules.plays(.definitionNameCaseInsensitive)
        return inOrder().first { (definition: D) in
            ignoringCase ? definition.displayName.lowercased() == name.lowercased() : definition.displayName == name
        }
    }

    /// Adds a new definition last in creation order.
    mutating func append<D>(_ definition: D) where Value == StoredDefinition<D> {
        self[definition.key] = StoredDefinition(definition: definition, sequence: (values.map(\.sequence).max() ?? -1) + 1)
    }

    /// Renames the user-defined definition `key`; the key never changes. A name another one has is a 409 `conflictCode`.
    mutating func rename<D>(_ key: String, to name: String, conflictCode: String) throws(WixError) -> D
        where Value == StoredDefinition<D> {
        guard var stored = self[key] else { throw .application(403, "PERMISSION_DENIED", "system definition \(key) cannot be changed") }
        if values.contains(where: { $0.definition.key != key && $0.definition.displayName == name }) {
            throw .application(409, conflictCode, "\"\(name)\" is already the name of another one")
        }
        stored.definition.displayName = name
        stored.definition.updatedDate = Timestamp.now(milliseconds: false)
        self[key] = stored
        return stored.definition
    }
}
