/// A label or a custom contact field.
public enum DefinitionKind: String, Sendable, Codable, Hashable {
    case label, field
}
