import FunnelCore

/// `definitions[]`: a label or custom field the contacts use (`kind` `label` or `field`), its display
/// name, a field's type, and its Wix key (or `{"created_by_step": N}`).
struct DefinitionBindingDocument: Codable {
    var kind: DefinitionKind
    var name: String
    var type: CustomFieldType?
    var key: IDRefDocument

    init(_ binding: DefinitionBinding) {
        kind = binding.kind; name = binding.name; type = binding.type; key = IDRefDocument(binding.key)
    }

    var binding: DefinitionBinding { DefinitionBinding(kind: kind, name: name, type: type, key: key.ref) }
}
