/// A label or custom field the plan's contacts use, and its Wix key: known, or learned by the step
/// that finds or creates it.
public struct DefinitionBinding: Sendable, Codable, Hashable {
    public var kind: DefinitionKind
    /// The display name as the config writes it.
    public var name: String
    /// Custom fields: the type values are written in.
    public var type: CustomFieldType?
    public var key: IDRef

    public init(kind: DefinitionKind, name: String, type: CustomFieldType? = nil, key: IDRef) {
        self.kind = kind; self.name = name; self.type = type; self.key = key
    }
}
