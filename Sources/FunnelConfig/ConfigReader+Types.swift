import Yams

/// What YAML made of a node, and how type errors describe it.
extension ConfigReader {
    enum Kind: Equatable { case string, integer, float, boolean, null, mapping, list, other }

    /// The kind YAML 1.1 resolution gives a node (quoted scalars are always strings, so
    /// `"yes"` is text while a bare `yes` is a boolean, as every YAML library reads it).
    static func kind(of node: Node) -> Kind {
        switch node {
        case .mapping: return .mapping
        case .sequence: return .list
        case .alias: return .other
        case .scalar:
            switch node.tag.description {
            case Tag.Name.str.rawValue: return .string
            case Tag.Name.int.rawValue: return .integer
            case Tag.Name.float.rawValue: return .float
            case Tag.Name.bool.rawValue: return .boolean
            case Tag.Name.null.rawValue: return .null
            default: return .other
            }
        }
    }

    /// `a mapping`, `a list`, `nothing`, `"text"`, or a bare scalar as written (`2024`, `yes`).
    static func found(_ node: Node, quoting: Bool = true) -> String {
        switch kind(of: node) {
        case .mapping: return "a mapping"
        case .list: return "a list"
        case .null where node.scalar?.string.isEmpty ?? true: return "nothing"
        case .string: return quoting ? "\"\(node.scalar?.string ?? "")\"" : "a string"
        default:
            guard quoting else { return "a value of another type" }
            return node.scalar?.string ?? "an alias"
        }
    }

    /// `PATH: expected X, found Y`, with a hint to quote a number or boolean meant as text.
    func typeMismatch(_ slot: Slot, expected: String, quoting: Bool = true, hint: Bool = true) {
        let kind = Self.kind(of: slot.node)
        let quoteHint = hint && expected == "a string" && [.integer, .float, .boolean, .other].contains(kind)
            ? " (quote it to use it as text)" : ""
        error("\(slot.path.isEmpty ? "the document" : slot.path): expected \(expected), found \(Self.found(slot.node, quoting: quoting))\(quoteHint)", at: slot.anchor)
    }
}
