import Foundation
public import FunnelCore
import Stencil

/// A field-mapping template (`"{{ first_name }} {{ last_name | upper }}"`), parsed once and rendered
/// per record. Stencil is the engine (Jinja-like `{{ field | filter }}` syntax) and checks the
/// syntax; funnel adds the filters `lower`, `upper`, `trim`, `default` (also for empty values) and
/// `date`, and keeps Stencil's own (`capitalize`, `join`, `{% if %}`…).
///
/// Rendering cost matters at a million records: a template made only of text and
/// `{{ path | lower | upper | trim | default:"x" | date:"fmt" }}` is compiled at parse time into a
/// list of parts evaluated without the engine (same output as Stencil, checked by tests); anything
/// else (tags, other filters, variable arguments) renders through Stencil.
public struct MappingTemplate: @unchecked Sendable {
    // Stencil's node tree is immutable once parsed; rendering only reads it, so sharing it across
    // tasks is safe even though Stencil's classes are not annotated Sendable.
    private let nodes: [any NodeType]
    /// The engine-free form, when the template fits it.
    let compiled: [FastPart]?
    /// The template's text, and where the config wrote it.
    public let text: String
    public let location: SourceLocation?
    /// Top-level record fields the template reads (`owner.email` → `owner`), for "unknown field" warnings.
    public let referencedFields: Set<String>
    /// The dotted paths as written (`owner.email`).
    public let referencedPaths: Set<String>

    /// Parses `text`; a syntax error is a diagnostic at the template's line in the config. Made by
    /// `TemplateSpec`, once per template written in the config (`compilationCounter` counts them).
    init(text: String, location: SourceLocation?) throws(Diagnostic) {
        Self.compilationCounter?.increment()
        self.text = text; self.location = location
        let environment = MappingTemplate.environment
        let template = Template(templateString: text, environment: environment)
        do {
            nodes = try TokenParser(tokens: template.tokens, environment: environment).parse()
        } catch {
            let reason = (error as? TemplateSyntaxError)?.reason ?? "\(error)"
            throw Diagnostic.error("invalid template \(Self.quote(text)): \(reason)", at: location)
        }
        var paths = Set<String>()
        for token in template.tokens where token.kind == .variable {
            let contents = token.contents
            let expression = contents.split(separator: "|", maxSplits: 1).first.map(String.init) ?? contents
            let path = expression.trimmingCharacters(in: CharacterSet.whitespaces)
            if !path.isEmpty, !path.hasPrefix("\""), !path.hasPrefix("'"), Double(path) == nil {
                paths.insert(path)
            }
        }
        referencedPaths = paths
        referencedFields = Set(paths.compactMap { $0.split(separator: ".").first.map(String.init) })
        compiled = FastPart.compile(template.tokens)
    }

    /// Counts compilations in the current task tree (tests prove a run compiles each template once).
    @TaskLocal public static var compilationCounter: CompilationCounter?

    /// Whether the template renders without the engine (for benchmarks and tests).
    public var isCompiled: Bool { compiled != nil }

    /// Renders against one record's fields. A dotted path reads a flat key of that name first,
    /// then nested objects and arrays; a missing field renders as empty text.
    public func render(_ record: [String: JSONValue]) throws -> String {
        if let compiled { return FastPart.render(compiled, record) }
        return try renderNodes(nodes, Context(dictionary: record.compactMapValues(\.stencilValue), environment: MappingTemplate.environment))
    }

    /// Renders against one record's fields (`[String: Any]` of strings, numbers, arrays, dictionaries), through Stencil.
    public func render(_ fields: [String: Any]) throws -> String {
        try renderNodes(nodes, Context(dictionary: fields, environment: MappingTemplate.environment))
    }

    /// Renders through Stencil even when a compiled form exists (tests compare the two).
    public func renderWithEngine(_ record: [String: JSONValue]) throws -> String {
        try renderNodes(nodes, Context(dictionary: record.compactMapValues(\.stencilValue), environment: MappingTemplate.environment))
    }

    private static func quote(_ text: String) -> String { "\"\(text)\"" }

    /// One shared environment; Stencil only reads it while parsing and rendering.
    nonisolated(unsafe) static let environment: Environment = {
        let ext = Extension()
        ext.registerFilter("lower") { value in value.map(stringify)?.lowercased() }
        ext.registerFilter("upper") { value in value.map(stringify)?.uppercased() }
        ext.registerFilter("trim") { value in value.map(stringify)?.trimmingCharacters(in: .whitespacesAndNewlines) }
        // Stencil's own `default` only replaces nil; a spreadsheet's empty cell should count as missing too.
        ext.registerFilter("default") { (value: Any?, arguments: [Any?]) in
            if let value, !stringify(value).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return value }
            return arguments.lazy.compactMap { $0 }.first
        }
        ext.registerFilter("date") { (value: Any?, arguments: [Any?]) in
            guard let value else { return nil }
            let format = (arguments.first ?? nil).map(stringify) ?? TemplateDates.defaultFormat
            return TemplateDates.reformat(stringify(value), format: format)
        }
        return Environment(extensions: [ext])
    }()
}

func stringify(_ value: Any) -> String {
    switch value {
    case let string as String: return string
    case let number as Double where number.rounded() == number && abs(number) < 1e15: return String(Int64(number))
    case let value as any CustomStringConvertible: return value.description
    default: return "\(value)"
    }
}

extension JSONValue {
    /// The value Stencil sees: integral numbers as `Int` (so `1500` does not render as `1500.0`), null as nil.
    var stencilValue: Any? {
        switch self {
        case .null: return nil
        case .bool(let value): return value
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? Int(value) : value
        case .string(let value): return value
        case .array(let items): return items.map { $0.stencilValue as Any }
        case .object(let fields): return fields.compactMapValues(\.stencilValue)
        }
    }
}
