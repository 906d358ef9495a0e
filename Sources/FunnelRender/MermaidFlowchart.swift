public import FunnelCore

/// Card flows as a Mermaid flowchart (`flowchart LR`), the way GitHub and GitLab draw it in a comment:
/// one node per place in funnel order, one edge per path labelled with its card count.
public enum MermaidFlowchart {
    /// At most this many edges are drawn, the busiest; the rest are summed in a note.
    public static let edgeLimit = 40

    /// The Mermaid source (without the code fence) and, when edges were left out, the note that sums them.
    public struct Chart: Sendable, Hashable {
        public var source: String
        public var omittedNote: String?
    }

    /// nil when no card changes place.
    public static func chart(_ flows: CardFlows, edgeLimit: Int = MermaidFlowchart.edgeLimit) -> Chart? {
        guard !flows.isEmpty else { return nil }
        let nodes = flows.nodes
        var ids: [CardFlows.Node: String] = [:]
        var lines = ["flowchart LR"]
        for (index, node) in nodes.enumerated() {
            // Ids are ours (n0, n1, …), never a phase name: names like `end`, `graph` or `a-->b` are Mermaid syntax.
            let id = "n\(index)"
            ids[node] = id
            lines.append("    \(id)[\"\(label(node.label))\"]")
        }
        // Invisible links keep the funnel order left to right even between places no card moves through.
        lines.append("    " + nodes.map { ids[$0]! }.joined(separator: " ~~~ "))
        let drawn = flows.edges.prefix(edgeLimit)
        for edge in drawn {
            lines.append("    \(ids[edge.from]!) -->|\(edge.cards)| \(ids[edge.to]!)")
        }
        let rest = flows.edges.dropFirst(edgeLimit)
        let note = rest.isEmpty ? nil
            : "\(rest.count) more \(rest.count == 1 ? "path" : "paths") (\(plural(rest.reduce(0) { $0 + $1.cards }, "card"))) not drawn."
        return Chart(source: lines.joined(separator: "\n"), omittedNote: note)
    }

    /// The chart as a fenced ```` ```mermaid ```` block, with the note (if any) in a line below.
    public static func markdownBlock(_ flows: CardFlows) -> String? {
        guard let chart = chart(flows) else { return nil }
        // `label` turns backticks into entities, so a name never closes the fence.
        let block = "```mermaid\n\(chart.source)\n```"
        return chart.omittedNote.map { block + "\n\n" + Markdown.text($0) } ?? block
    }

    /// A quoted Mermaid label. Mermaid reads a label as Markdown (`1. New` becomes a list, `*x*` emphasis)
    /// and `"`, `#`, `;` as its own syntax, but decodes `#NN;` entity codes after both: so every ASCII
    /// punctuation character becomes its code and any name shows as typed. Letters (any script), digits,
    /// spaces and emoji pass through.
    static func label(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isNewline || character == "\t" {
                result += " "
            } else if let ascii = character.asciiValue, !(character.isLetter || character.isNumber || character == " ") {
                result += "#\(ascii);"
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
