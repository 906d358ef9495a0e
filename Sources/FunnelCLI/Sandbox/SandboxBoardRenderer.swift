import WixEmulator
import FunnelRender

/// Draws sandbox boards as text for `funnel sandbox show`; card names and contacts are masked
/// (`PersonalData.maskText`) unless `showPersonalData`.
enum SandboxBoardRenderer {
    static func render(_ boards: [EmulatorBoard], showPersonalData: Bool = false) -> String {
        guard !boards.isEmpty else { return "The sandbox is empty.\n" }
        var lines: [String] = []
        for board in boards {
            lines.append("site \(board.siteId)")
            if board.workflows.isEmpty { lines.append("  (no workflows)") }
            for workflow in board.workflows {
                lines.append("  \(workflow.name)  [\(workflow.id)]")
                for phase in workflow.phases {
                    lines.append("    \(phase.name)\(phase.isWinPhase ? " (win)" : "")  \(phase.cards.count) card(s)")
                    lines += phase.cards.map { "      - \(line($0, showPersonalData))" }
                }
                lines.append("    Archived  \(workflow.archived.count) card(s)")
                lines += workflow.archived.map { card in
                    "      - \(line(card, showPersonalData))" + (card.phaseName.map { "  (from \($0))" } ?? "")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func line(_ card: EmulatorBoard.Card, _ showPersonalData: Bool) -> String {
        let contact = card.contact ?? card.contactId ?? "no contact"
        let text = "\(card.name.isEmpty ? "(unnamed)" : card.name)  <\(contact)>"
        return showPersonalData ? text : PersonalData.maskText(text)
    }
}
