import Foundation
import FunnelCore
import Yams

/// Typed scalar readers. Each reports a problem at the slot and returns nil.
extension ConfigReader {
    /// `read(slot)`, or `fallback` when the key is absent; nil only when a present value is invalid.
    func value<T>(_ slot: Slot?, default fallback: T, _ read: (Slot) -> T?) -> T? {
        guard let slot else { return fallback }
        return read(slot)
    }

    /// A value for a message, quoted: the text as written when it holds `${…}` references, so a
    /// value that came from the environment is never printed.
    func shown(_ value: String, _ slot: Slot) -> String {
        let raw = slot.node.scalar?.string ?? value
        return "\"\(raw.contains("${") ? raw : value)\""
    }

    /// A string (a scalar YAML reads as text), with `${VAR}` references substituted.
    func string(_ slot: Slot) -> String? {
        guard let raw = rawString(slot) else { return nil }
        return interpolate(raw, slot)
    }

    /// A string that must not be empty after substitution.
    func nonEmptyString(_ slot: Slot) -> String? {
        guard let value = string(slot) else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            error("\(slot.path) must not be empty", at: slot.anchor)
            return nil
        }
        return value
    }

    /// The text as written, before substitution; nil (reported) when the scalar is not text.
    func rawString(_ slot: Slot, quoting: Bool = true) -> String? {
        guard case .scalar(let scalar) = slot.node, Self.kind(of: slot.node) == .string else {
            typeMismatch(slot, expected: "a string", quoting: quoting)
            return nil
        }
        return scalar.string
    }

    /// Substitutes references in `raw`; reports malformed references and unset variables.
    func interpolate(_ raw: String, _ slot: Slot, quoting: Bool = true) -> String? {
        let interpolation: EnvironmentInterpolation
        do {
            interpolation = try EnvironmentInterpolation(parsing: raw)
        } catch let failure {
            guard case .malformed(let text) = failure else { return nil }
            let shown = quoting ? " \"\(text)\"" : ""
            self.error("\(slot.path): malformed environment reference\(shown); write ${NAME} or ${NAME:-default}", at: slot.anchor)
            return nil
        }
        switch interpolation.substitute(environment) {
        case .success(let value): return value
        case .failure(let missing):
            for name in missing.names {
                error("\(slot.path): environment variable \(name) is not set", at: slot.anchor)
            }
            return nil
        }
    }

    /// A whole number written as a YAML integer.
    func integer(_ slot: Slot, minimum: Int? = nil) -> Int? {
        guard case .scalar(let scalar) = slot.node, Self.kind(of: slot.node) == .integer,
              let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            typeMismatch(slot, expected: "an integer")
            return nil
        }
        if let minimum, value < minimum {
            error("\(slot.path): expected an integer of at least \(minimum), found \(value)", at: slot.anchor)
            return nil
        }
        return value
    }

    /// A positive number (integer or decimal).
    func positiveNumber(_ slot: Slot) -> Double? {
        let kind = Self.kind(of: slot.node)
        guard case .scalar(let scalar) = slot.node, kind == .integer || kind == .float,
              let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            typeMismatch(slot, expected: "a number")
            return nil
        }
        guard value > 0 else {
            error("\(slot.path): expected a number greater than 0, found \(scalar.string)", at: slot.anchor)
            return nil
        }
        return value
    }

    /// `true` or `false`, exactly: `yes`, `on`, `True` and friends are refused.
    func boolean(_ slot: Slot) -> Bool? {
        if case .scalar(let scalar) = slot.node, scalar.style == .plain {
            if scalar.string == "true" { return true }
            if scalar.string == "false" { return false }
        }
        typeMismatch(slot, expected: "true or false", quoting: true, hint: false)
        return nil
    }

    /// One of a fixed set of words.
    func choice(_ slot: Slot, _ allowed: [String]) -> String? {
        guard let value = string(slot) else { return nil }
        guard allowed.contains(value) else {
            let hint = Suggestion.closest(to: value, among: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
            error("\(slot.path): expected one of \(allowed.joined(separator: ", ")), found \(shown(value, slot))\(hint)", at: slot.anchor)
            return nil
        }
        return value
    }

    /// A list of strings.
    func stringList(_ slot: Slot) -> [String]? {
        guard let items = self.items(slot) else { return nil }
        let values = items.map { string($0) }
        return values.contains(where: { $0 == nil }) ? nil : values.compactMap { $0 }
    }

    /// A mapping from text keys (strings or integers, like stage ids) to string values.
    func stringMap(_ slot: Slot) -> [(key: String, keyNode: Node, value: Slot)]? {
        guard let pairs = self.pairs(slot) else { return nil }
        var result: [(key: String, keyNode: Node, value: Slot)] = []
        for (key, keyNode, value) in pairs {
            let kind = Self.kind(of: keyNode)
            guard kind == .string || kind == .integer else {
                error("\(slot.path): key \(Self.found(keyNode)) must be text; quote it", at: keyNode)
                continue
            }
            let empty = value.scalar.map { $0.string.isEmpty && $0.style == .plain } ?? false
            result.append((key, keyNode, Slot(node: value, anchor: empty ? keyNode : value, path: "\(slot.path).\(key)", key: keyNode)))
        }
        return result
    }

    /// A filesystem path, resolved against the config file's directory.
    func path(_ slot: Slot) -> String? {
        guard let value = nonEmptyString(slot) else { return nil }
        return resolve(value)
    }

    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((directory as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    /// An absolute `http` or `https` URL.
    func url(_ slot: Slot) -> String? {
        guard let value = nonEmptyString(slot) else { return nil }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            error("\(slot.path): expected an http or https URL, found \(shown(value, slot))", at: slot.anchor)
            return nil
        }
        return value
    }

    /// An RFC 6901 JSON pointer (`/data/items`); the empty string is the whole document.
    func jsonPointer(_ slot: Slot) -> String? {
        guard let value = string(slot) else { return nil }
        guard value.isEmpty || value.hasPrefix("/") else {
            error("\(slot.path): expected a JSON pointer such as \"/data/items\", found \(shown(value, slot))", at: slot.anchor)
            return nil
        }
        return value
    }
}
