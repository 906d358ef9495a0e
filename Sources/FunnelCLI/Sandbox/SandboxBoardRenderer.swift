public import WixEmulator

/// Draws sandbox boards as text for `funnel sandbox show`.
enum SandboxBoardRenderer {
    static func render(_ boards: [EmulatorBoard]) -> String {
        guard !boards.isEmpty else { return "The sandbox is empty.\n" }
        var lines: [String] = []
        for board in boards {
            lines.append("site \(board.siteId)")
            if board.workflows.isEmpty { lines.append("  (no workflows)") }
            for workflow in board.workflows {
                lines.append("  \(workflow.name)  [\(workflow.id)]")
                for phase in workflow.phases {
                    lines.append("    \(phase.name)\(phase.isWinPhase ? " (win)" : "")  \(phase.cards.count) card(s)")
                    lines += phase.cards.map { "      - \(line($0))" }
                }
                lines.append("    Archived  \(workflow.archived.count) card(s)")
                lines += workflow.archived.map { card in
                    "      - \(line(card))" + (card.phaseName.map { "  (from \($0))" } ?? "")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func line(_ card: EmulatorBoard.Card) -> String {
        let contact = card.contact ?? card.contactId ?? "no contact"
        return "\(card.name.isEmpty ? "(unnamed)" : card.name)  <\(contact)>"
    }
}
