import FunnelCore

/// Card flows as a compact text table (`FROM  TO  CARDS`), for the human plan view and the text report.
enum FlowTable {
    /// A blank line, `title:`, the header and one row per path (busiest first); nothing when no card moves.
    static func lines(_ flows: CardFlows, title: String) -> [String] {
        guard !flows.isEmpty else { return [] }
        let rows = flows.edges.map { [$0.from.label, $0.to.label, String($0.cards)] }
        let header = ["FROM", "TO", "CARDS"]
        let from = ([header] + rows).map { TextWidth.of($0[0]) }.max() ?? 0
        let to = ([header] + rows).map { TextWidth.of($0[1]) }.max() ?? 0
        let count = ([header] + rows).map { $0[2].count }.max() ?? 0
        func line(_ cells: [String]) -> String {
            "  " + TextWidth.padded(cells[0], to: from) + "  " + TextWidth.padded(cells[1], to: to) + "  "
                + String(repeating: " ", count: count - cells[2].count) + cells[2]
        }
        return ["", "\(title):", line(header)] + rows.map(line)
    }
}

/// Terminal columns a string takes: wide (East Asian, emoji) characters count two.
enum TextWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first else { return width }
            return width + (isWide(scalar) ? 2 : 1)
        }
    }

    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// Words laid out in lines of at most `width` columns, each starting with `indent`; a word longer than a
    /// line (a path) gets a line of its own and is cut.
    static func wrapped(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ").map(String.init) {
            if !line.isEmpty, of(indent + line + " " + word) > width {
                lines.append(indent + line)
                line = ""
            }
            line = line.isEmpty ? word : line + " " + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.map { truncated($0, to: width) }
    }

    /// Cut to at most `width` columns, with `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var result = ""
        for character in text {
            if of(result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: return true
        default: return false
        }
    }
}
