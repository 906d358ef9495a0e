import Foundation
import FunnelCore
import Stencil

/// A field-mapping template (`"{{ first_name }} {{ last_name | upper }}"`), parsed once and rendered
/// per record. Stencil is the engine (Jinja-like `{{ field | filter }}` syntax); funnel adds the
/// filters `lower`, `upper`, `trim`, `date` and keeps Stencil's own (`default`, `capitalize`, `join`…).
public struct MappingTemplate: @unchecked Sendable {
    // Stencil's node tree is immutable once parsed; rendering only reads it, so sharing it across
    // tasks is safe even though Stencil's classes are not annotated Sendable.
    private let nodes: [any NodeType]
    public let spec: TemplateSpec
    /// Top-level record fields the template reads (`owner.email` → `owner`), for "unknown field" warnings.
    public let referencedFields: Set<String>
    /// The dotted paths as written (`owner.email`).
    public let referencedPaths: Set<String>

    /// Parses `spec.text`; a syntax error is a diagnostic at the template's line in the config.
    public init(_ spec: TemplateSpec) throws(Diagnostic) {
        self.spec = spec
        let environment = MappingTemplate.environment
        let template = Template(templateString: spec.text, environment: environment)
        do {
            nodes = try TokenParser(tokens: template.tokens, environment: environment).parse()
        } catch {
            let reason = (error as? TemplateSyntaxError)?.reason ?? "\(error)"
            throw Diagnostic.error("invalid template \(Self.quote(spec.text)): \(reason)", at: spec.location)
        }
        var paths = Set<String>()
        for token in template.tokens {
            if token.kind == .variable {
                let contents = token.contents
                let expression = contents.split(separator: "|", maxSplits: 1).first.map(String.init) ?? contents
                let path = expression.trimmingCharacters(in: CharacterSet.whitespaces)
                if !path.isEmpty, !path.hasPrefix("\""), !path.hasPrefix("'"), Double(path) == nil {
                    paths.insert(path)
                }
            }
        }
        referencedPaths = paths
        referencedFields = Set(paths.compactMap { $0.split(separator: ".").first.map(String.init) })
    }

    /// Renders against one record's fields (`[String: Any]` of strings, numbers, arrays, dictionaries).
    public func render(_ fields: [String: Any]) throws -> String {
        try renderNodes(nodes, Context(dictionary: fields, environment: MappingTemplate.environment))
    }

    private static func quote(_ text: String) -> String { "\"\(text)\"" }

    /// One shared environment; Stencil only reads it while parsing and rendering.
    nonisolated(unsafe) static let environment: Environment = {
        let ext = Extension()
        ext.registerFilter("lower") { value in (value.map(stringify))?.lowercased() }
        ext.registerFilter("upper") { value in (value.map(stringify))?.uppercased() }
        ext.registerFilter("trim") { value in (value.map(stringify))?.trimmingCharacters(in: .whitespacesAndNewlines) }
        ext.registerFilter("date") { (value: Any?, arguments: [Any?]) in
            guard let value else { return nil }
            let text = stringify(value)
            guard let date = DateParsing.parse(text) else { return text }
            let format = (arguments.first ?? nil).map(stringify) ?? "yyyy-MM-dd"
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            return formatter.string(from: date)
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

/// Dates as CRMs send them: ISO-8601 with or without fractions, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, epoch ms.
enum DateParsing {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let millis = Double(trimmed), trimmed.count >= 10 { return Date(timeIntervalSince1970: millis / 1000) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: trimmed) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: trimmed) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
