/// A custom contact field funnel writes: its display name (the key Wix generates is found or
/// created by apply) and its type.
public struct CustomFieldDefinition: Sendable, Codable, Hashable {
    public var name: String
    public var type: CustomFieldType
    public var location: SourceLocation?

    public init(name: String, type: CustomFieldType, location: SourceLocation? = nil) {
        self.name = name; self.type = type; self.location = location
    }
}
