import FunnelCore

/// A mapping template as written in the config, with where it was written, compiled once when the
/// spec is made: the loader's validation, `usedFields` and the record mapper all share that one compile.
public struct TemplateSpec: Sendable, Hashable {
    public let text: String
    public let location: SourceLocation?
    /// The compiled template, or the syntax error at the template's line.
    public let compiled: Result<MappingTemplate, Diagnostic>

    public init(_ text: String, location: SourceLocation? = nil) {
        self.text = text; self.location = location
        compiled = Result { () throws(Diagnostic) in try MappingTemplate(text: text, location: location) }
    }

    /// The compiled template; throws its syntax error.
    public func template() throws(Diagnostic) -> MappingTemplate { try compiled.get() }

    public static func == (lhs: TemplateSpec, rhs: TemplateSpec) -> Bool { lhs.text == rhs.text && lhs.location == rhs.location }
    public func hash(into hasher: inout Hasher) { hasher.combine(text); hasher.combine(location) }
}
