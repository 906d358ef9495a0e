import Foundation

/// `${VAR}` and `${VAR:-default}` references in a config string, and `$$` for a literal `$`.
/// A `$` not followed by `{` or `$` stays as written, so `$win` and `$archive` need no escaping.
struct EnvironmentInterpolation {
    /// One `${…}` reference as written.
    struct Reference: Equatable {
        var name: String
        /// The text after `:-`, nil when there is none.
        var fallback: String?
    }

    enum Part: Equatable {
        case literal(String)
        case reference(Reference)
    }

    enum Failure: Error, Equatable {
        /// `${` without a closing `}` or with a name that is not `[A-Za-z_][A-Za-z0-9_]*`.
        case malformed(String)
    }

    let parts: [Part]

    /// Splits `text` into literal runs and references.
    init(parsing text: String) throws(Failure) {
        var parts: [Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "$", next < text.endIndex else {
                literal.append(character); index = next; continue
            }
            if text[next] == "$" { literal.append("$"); index = text.index(after: next); continue }
            guard text[next] == "{" else { literal.append(character); index = next; continue }
            guard let close = text[next...].firstIndex(of: "}") else {
                throw .malformed(String(text[index...]))
            }
            let body = String(text[text.index(after: next)..<close])
            let reference: Reference
            if let range = body.range(of: ":-") {
                reference = Reference(name: String(body[..<range.lowerBound]), fallback: String(body[range.upperBound...]))
            } else {
                reference = Reference(name: body, fallback: nil)
            }
            guard Self.isValidName(reference.name) else { throw .malformed(String(text[index...close])) }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.reference(reference))
            index = text.index(after: close)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    var references: [Reference] {
        parts.compactMap { if case .reference(let reference) = $0 { reference } else { nil } }
    }

    /// The text with every reference substituted; the names of unset variables (without a
    /// fallback) are returned instead, in order, without duplicates.
    func substitute(_ environment: [String: String]) -> Swift.Result<String, MissingVariables> {
        var output = ""
        var missing: [String] = []
        for part in parts {
            switch part {
            case .literal(let text): output += text
            case .reference(let reference):
                if let value = environment[reference.name] { output += value }
                else if let fallback = reference.fallback { output += fallback }
                else if !missing.contains(reference.name) { missing.append(reference.name) }
            }
        }
        return missing.isEmpty ? .success(output) : .failure(MissingVariables(names: missing))
    }

    struct MissingVariables: Error { var names: [String] }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
