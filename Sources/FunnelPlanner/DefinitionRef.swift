import FunnelCore

/// A label or custom field by the config's display name.
struct DefinitionRef: Hashable {
    var kind: DefinitionKind
    var name: String
    init(_ kind: DefinitionKind, _ name: String) { self.kind = kind; self.name = name }
}
