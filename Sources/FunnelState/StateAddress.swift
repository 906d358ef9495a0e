import Foundation

/// A Terraform-like address of something funnel remembers: `workflow`, `phase["New Lead"]`,
/// `contact["L-001"]`, `card["L-001"]`, or `record["L-001"]` (a record's contact and card together).
public enum StateAddress: Sendable, Hashable, CustomStringConvertible {
    case workflow
    case phase(name: String)
    case contact(key: String)
    case card(key: String)
    case record(key: String)

    /// Parses `kind["value"]` (with `\"` and `\\` escapes) or, easier to type in a shell, `kind[value]`.
    /// - Throws: `StateStoreError.invalidAddress`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "workflow" { self = .workflow; return }
        guard let open = trimmed.firstIndex(of: "["), trimmed.hasSuffix("]") else {
            throw StateStoreError.invalidAddress(text)
        }
        let kind = trimmed[..<open]
        var inner = Substring(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        if inner.count >= 2, inner.hasPrefix("\""), inner.hasSuffix("\"") {
            inner = inner.dropFirst().dropLast()
            guard let unescaped = Self.unescape(inner) else { throw StateStoreError.invalidAddress(text) }
            inner = Substring(unescaped)
        }
        let value = String(inner)
        guard !value.isEmpty else { throw StateStoreError.invalidAddress(text) }
        switch kind {
        case "phase": self = .phase(name: value)
        case "contact": self = .contact(key: value)
        case "card": self = .card(key: value)
        case "record": self = .record(key: value)
        default: throw StateStoreError.invalidAddress(text)
        }
    }

    /// The canonical form, e.g. `card["L-001"]`.
    public var description: String {
        switch self {
        case .workflow: return "workflow"
        case .phase(let name): return "phase[\(Self.quote(name))]"
        case .contact(let key): return "contact[\(Self.quote(key))]"
        case .card(let key): return "card[\(Self.quote(key))]"
        case .record(let key): return "record[\(Self.quote(key))]"
        }
    }

    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func unescape(_ text: Substring) -> String? {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                guard character == "\"" || character == "\\" else { return nil }
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }
}
