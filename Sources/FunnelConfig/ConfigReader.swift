import Foundation
import FunnelCore
import Yams

/// Walks the composed node tree of one `funnel.yaml`, checking keys and types and substituting
/// environment references, and collects every problem as a `Diagnostic`. Nothing stops at the first
/// problem: a reader returns nil for a value it could not read and carries on.
final class ConfigReader {
    /// The file as diagnostics name it.
    let file: String
    /// The file's absolute path, for `FunnelConfiguration.path`.
    let absolutePath: String
    /// The config file's directory; relative paths resolve against it.
    let directory: String
    let environment: [String: String]
    private let document: YAMLDocument
    private(set) var diagnostics: [Diagnostic] = []
    /// Every stage-map target read so far, checked against the phases once everything is read.
    var targetUses: [TargetUse] = []

    init(file: String, absolutePath: String, environment: [String: String], document: YAMLDocument) {
        self.file = file
        self.absolutePath = absolutePath
        self.directory = (absolutePath as NSString).deletingLastPathComponent
        self.environment = environment
        self.document = document
    }

    // MARK: Reporting

    func location(_ node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    func error(_ message: String, at node: Node) { diagnostics.append(.error(message, at: location(node))) }

    func error(_ message: String, at location: SourceLocation?) { diagnostics.append(.error(message, at: location)) }

    func warning(_ message: String, at node: Node) { diagnostics.append(.warning(message, at: location(node))) }

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// "in wix.oauth", or "at the top level" for the document itself.
    static func describe(_ path: String) -> String { path.isEmpty ? "at the top level" : "in \(path)" }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Mappings

    /// A mapping whose keys were checked against `table`: unknown keys (with a suggestion),
    /// duplicate keys and missing required keys are reported; the first occurrence of a key wins.
    func fields(_ slot: Slot, _ table: ConfigKeyTable) -> Fields? {
        guard let pairs = self.pairs(slot) else { return nil }
        var fields = Fields(node: slot.node, anchor: slot.head, path: slot.path)
        for (key, keyNode, value) in pairs {
            guard table.keys.contains(key) else {
                error(Self.unknownKeyMessage(key, allowed: table.keys, path: slot.path), at: keyNode)
                continue
            }
            fields.entries[key] = (keyNode, value)
        }
        for key in table.required where fields.entries[key] == nil {
            error("missing required key \"\(key)\" \(Self.describe(slot.path))", at: slot.head)
        }
        return fields
    }

    /// The entries of a mapping with free-form keys (strings or integers), duplicates reported.
    func pairs(_ slot: Slot) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = slot.node else {
            typeMismatch(slot, expected: "a mapping")
            return nil
        }
        var seen: [String: Node] = [:]
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("\(slot.path.isEmpty ? "a key" : "a key \(Self.describe(slot.path))") must be plain text, found \(Self.found(keyNode))",
                      at: keyNode)
                continue
            }
            let key = document.renamedKey(scalar.string)?.key ?? scalar.string
            if let first = seen[key] {
                let line = Self.firstAt(first, from: keyNode)
                error("duplicate key \"\(key)\" \(Self.describe(slot.path))\(line)", at: keyNode)
                continue
            }
            seen[key] = keyNode
            result.append((key, keyNode, value))
        }
        return result
    }

    /// The items of a list.
    func items(_ slot: Slot) -> [Slot]? {
        guard case .sequence(let sequence) = slot.node else {
            typeMismatch(slot, expected: "a list")
            return nil
        }
        return sequence.enumerated().map { Slot(node: $0.element, path: "\(slot.path)[\($0.offset)]") }
    }

    static func unknownKeyMessage(_ key: String, allowed: [String], path: String) -> String {
        if let suggestion = Suggestion.closest(to: key, among: allowed) {
            return "unknown key \"\(key)\" \(describe(path)); did you mean \"\(suggestion)\"?"
        }
        return "unknown key \"\(key)\" \(describe(path)); expected one of: \(allowed.joined(separator: ", "))"
    }
}

/// A value to read: its node, the node a problem with it is reported at (the key, when the value
/// is empty), and its dotted path in the config (`workflow.phases[2].name`).
struct Slot {
    var node: Node
    var anchor: Node
    var path: String
    /// The key this value was written under, if any: problems with a mapping as a whole
    /// (a missing key, two keys that exclude each other) are reported there.
    var key: Node?

    init(node: Node, anchor: Node? = nil, path: String, key: Node? = nil) {
        self.node = node; self.anchor = anchor ?? node; self.path = path; self.key = key
    }

    /// The key if there is one, else the value.
    var head: Node { key ?? anchor }
}

/// The entries of a mapping checked against its key table.
struct Fields {
    var node: Node
    /// Where problems with the mapping as a whole are reported: its key, or the mapping itself.
    var anchor: Node
    var path: String
    var entries: [String: (key: Node, value: Node)] = [:]

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// The value under `key`, if present. An empty value is reported at its key.
    func slot(_ key: String) -> Slot? {
        guard let entry = entries[key] else { return nil }
        let (keyNode, value) = entry
        let empty = value.scalar.map { $0.string.isEmpty && $0.style == .plain } ?? false
        return Slot(node: value, anchor: empty ? keyNode : value, path: ConfigReader.join(path, key), key: keyNode)
    }

    func keyNode(_ key: String) -> Node? { entries[key]?.key }
}
