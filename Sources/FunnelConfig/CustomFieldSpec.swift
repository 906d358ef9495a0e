public import FunnelCore

/// One `contact.custom` entry: a display name, its type and the template of its value.
public struct CustomFieldSpec: Sendable, Hashable {
    public var name: String
    public var type: CustomFieldType
    public var value: TemplateSpec
    public var location: SourceLocation?

    public init(name: String, type: CustomFieldType = .text, value: TemplateSpec, location: SourceLocation? = nil) {
        self.name = name; self.type = type; self.value = value; self.location = location
    }

    public var definition: CustomFieldDefinition { CustomFieldDefinition(name: name, type: type, location: location) }
}
