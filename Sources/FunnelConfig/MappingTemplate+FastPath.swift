import Foundation
import FunnelCore
import Stencil

/// The engine-free form of a simple template: text and `{{ path | filter… }}` parts. Compiled from
/// Stencil's own tokens after Stencil has parsed them, so the syntax is always Stencil's.
enum FastPart: Sendable {
    case text(String)
    case variable(path: String, filters: [FastFilter])

    enum FastFilter: Sendable {
        case lower, upper, trim
        case fallback(String)
        case date(String)
    }

    /// nil when any token needs the engine (a tag, another filter, a non-literal argument, a literal value).
    static func compile(_ tokens: [Token]) -> [FastPart]? {
        var parts: [FastPart] = []
        for token in tokens {
            switch token.kind {
            case .text: parts.append(.text(token.contents))
            case .comment: continue
            case .variable:
                guard let part = variable(token.contents) else { return nil }
                parts.append(part)
            default: return nil
            }
        }
        return parts
    }

    private static func variable(_ contents: String) -> FastPart? {
        let bits = splitOutsideQuotes(contents, separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let path = bits.first, isPlainPath(path) else { return nil }
        var filters: [FastFilter] = []
        for bit in bits.dropFirst() {
            let pieces = splitOutsideQuotes(bit, separator: ":")
            guard pieces.count <= 2 else { return nil }
            let name = pieces[0]
            let argument = pieces.count == 2 ? literal(pieces[1]) : nil
            if pieces.count == 2, argument == nil { return nil }
            switch (name, argument) {
            case ("lower", nil): filters.append(.lower)
            case ("upper", nil): filters.append(.upper)
            case ("trim", nil): filters.append(.trim)
            case ("default", let value?): filters.append(.fallback(value))
            case ("date", nil): filters.append(.date(TemplateDates.defaultFormat))
            case ("date", let format?): filters.append(.date(format))
            default: return nil
            }
        }
        return .variable(path: path, filters: filters)
    }

    /// `first_name`, `contact.email`, `emails.0.value`; not literals, not Stencil's `count`/`first`/`last`.
    private static func isPlainPath(_ path: String) -> Bool {
        guard let first = path.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        guard path.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "." || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
              !["true", "false"].contains(path) else { return false }
        let components = path.split(separator: ".", omittingEmptySubsequences: false)
        return components.allSatisfy { !$0.isEmpty && !["count", "first", "last"].contains($0) }
    }

    /// A quoted string literal's contents, without escapes; nil otherwise.
    private static func literal(_ text: String) -> String? {
        guard text.count >= 2, let quote = text.first, quote == "\"" || quote == "'", text.last == quote else { return nil }
        let inner = text.dropFirst().dropLast()
        return inner.contains(quote) ? nil : String(inner)
    }

    private static func splitOutsideQuotes(_ text: String, separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == separator {
                parts.append(current); current = ""; continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    static func render(_ parts: [FastPart], _ record: [String: JSONValue]) -> String {
        if parts.count == 1, case .variable(let path, let filters) = parts[0] { return evaluate(path, filters, record) ?? "" }
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .variable(let path, let filters): output += evaluate(path, filters, record) ?? ""
            }
        }
        return output
    }

    /// nil = Stencil's nil (renders as empty text).
    private static func evaluate(_ path: String, _ filters: [FastFilter], _ record: [String: JSONValue]) -> String? {
        var value: String? = lookup(path, record)
        for filter in filters {
            switch filter {
            case .lower: value = value?.lowercased()
            case .upper: value = value?.uppercased()
            case .trim: value = value.map(trimmed)
            case .fallback(let text):
                if value.map(isBlank) ?? true { value = text }
            case .date(let format): value = value.map { TemplateDates.reformat($0, format: format) }
            }
        }
        return value
    }

    /// Same result as `trimmingCharacters(in: .whitespacesAndNewlines)`, without the copy when
    /// there is nothing to trim (the usual case at a million records).
    private static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    private static func lookup(_ path: String, _ record: [String: JSONValue]) -> String? {
        let found: JSONValue?
        if let direct = record[path] {
            found = direct
        } else if let dot = path.firstIndex(of: "."), let head = record[String(path[..<dot])] {
            found = head[path: String(path[path.index(after: dot)...])]
        } else {
            found = nil
        }
        guard let found, found != .null else { return nil }
        return found.stringValue
    }
}
