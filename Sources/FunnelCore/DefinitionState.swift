/// A label or custom field funnel found or created: the config's display name → Wix's key.
public struct DefinitionState: Sendable, Codable, Hashable {
    public var kind: DefinitionKind
    public var name: String
    public var key: String

    public init(kind: DefinitionKind, name: String, key: String) {
        self.kind = kind; self.name = name; self.key = key
    }
}
