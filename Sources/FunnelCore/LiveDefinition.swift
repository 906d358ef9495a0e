/// A label or an extended field as Wix defines it: a key that never changes, the name people see.
public struct LiveDefinition: Sendable, Codable, Hashable {
    public var key: String
    public var displayName: String
    /// Extended fields: `TEXT`, `NUMBER`, `DATE` or `URL`; nil for labels.
    public var dataType: String?

    public init(key: String, displayName: String, dataType: String? = nil) {
        self.key = key; self.displayName = displayName; self.dataType = dataType
    }
}
