import Foundation
import FunnelCore

/// The pull-request comment: summary first, a table per group inside `<details>`, then the reports.
struct MarkdownPlanView {
    let plan: Plan
    /// Groups with at most this many steps start expanded; larger ones are collapsed.
    static let openGroupLimit = 20
    private var blocks: [String] = []

    init(plan: Plan) { self.plan = plan }

    func render() -> String {
        var view = self
        view.summary()
        view.header()
        view.steps()
        view.reports()
        view.blocks.append("<sub>Planned \(PlanDisplay.timestamp(plan.createdAt)) by funnel \(Markdown.text(plan.funnelVersion)), "
            + "config digest \(Markdown.code(String(plan.configDigest.prefix(12)))), "
            + "source digest \(Markdown.code(String(plan.sourceDigest.prefix(12)))).</sub>")
        return view.blocks.joined(separator: "\n\n") + "\n"
    }

    private mutating func summary() {
        blocks.append("### funnel plan: \(Markdown.text(plan.workflowName))")
        // The picture first: where this plan sends cards (nothing when no card changes place).
        if let diagram = MermaidFlowchart.markdownBlock(CardFlows(plan: plan)) { blocks.append(diagram) }
        if let gate = plan.gate, !gate.message.isEmpty {
            blocks.append(gate.refused
                ? "> [!CAUTION]\n> **Refused:** \(Markdown.text(gate.message))"
                : "> [!NOTE]\n> \(Markdown.text(gate.message))")
        }
        if plan.hasChanges {
            let summary = plan.summary
            blocks.append("**\(summary.line)**")
            if let deletions = PlanDisplay.phaseDeletions(summary) { blocks.append(deletions) }
            blocks.append(PlanDisplay.estimate(plan.estimate))
        } else {
            blocks.append(Markdown.text(PlanDisplay.noChanges(plan)))
        }
    }

    private mutating func header() {
        var rows = [
            ["Workflow", Markdown.text(PlanDisplay.workflow(plan))],
            ["Config", Markdown.code(plan.configPath)],
            ["State", "serial \(plan.stateSerial), lineage \(Markdown.code(plan.stateLineage.isEmpty ? "(new)" : plan.stateLineage))"],
            ["Source", "\(plan.recordCount) \(plan.recordCount == 1 ? "record" : "records")"],
        ]
        if let pipeline = plan.pipeline {
            let stages = pipeline.stages.map { Markdown.text(PlanDisplay.stage($0)) }.joined(separator: " → ")
            rows.append(["Pipeline", "\(Markdown.text(pipeline.name)) (id \(Markdown.code(pipeline.id))): \(stages)"])
        }
        blocks.append(Markdown.table(["", ""], rows))
    }

    private mutating func steps() {
        for section in PlanDisplay.sections(plan.steps) {
            let open = section.steps.count <= Self.openGroupLimit ? " open" : ""
            let rows = section.steps.map { step in
                [Markdown.code(step.action.symbol), Markdown.code(step.address), Markdown.text(PlanDisplay.change(step)),
                 Markdown.text(step.reason),
                 Markdown.code(PlanDisplay.provenance(step.provenance, configPath: plan.configPath))]
            }
            blocks.append("<details\(open)><summary><b>\(section.title)</b> (\(section.steps.count))</summary>")
            blocks.append(Markdown.table(["", "Address", "Change", "Why", "From"], rows))
            blocks.append("</details>")
        }
    }

    private mutating func reports() {
        if !plan.drift.isEmpty {
            blocks.append("#### Drift (changed by hand in Wix)")
            blocks.append(Markdown.table(["Address", "What changed", "Resolution"], plan.drift.map {
                [Markdown.code($0.address), Markdown.text($0.description), Markdown.text(PlanDisplay.drift($0.resolution))]
            }))
        }
        if !plan.rejected.isEmpty {
            blocks.append("#### Rejected records (\(plan.rejected.count), not synced)")
            blocks.append(Markdown.table(["Key", "Reason", "Location"], plan.rejected.map {
                [Markdown.code(PlanDisplay.rejectedKey($0)), Markdown.text($0.reason), Markdown.code($0.location ?? "")]
            }))
        }
        if !plan.unowned.isEmpty {
            blocks.append("#### Cards funnel does not own (left alone)")
            blocks.append(Markdown.table(["Card", "Name", "Where", "Source"], plan.unowned.map {
                [Markdown.code($0.cardId), Markdown.text($0.name),
                 Markdown.text($0.archived ? "archived" : $0.phase ?? "no phase"), Markdown.text($0.source ?? "none")]
            }))
        }
        if !plan.notes.isEmpty {
            blocks.append("#### Notes")
            blocks.append(plan.notes.map { "- " + Markdown.text($0) }.joined(separator: "\n"))
        }
    }
}

/// GitHub-flavoured markdown escaping for values that come from users and CRMs.
enum Markdown {
    /// Plain text: markdown and HTML punctuation escaped, line breaks flattened (table cells are one line).
    static func text(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            // `<` stops HTML, `$` GitHub's math, the rest emphasis, links, code and table cells.
            case "\\", "`", "*", "_", "[", "]", "<", "|", "~", "$": result += "\\\(character)"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A code span long enough to hold any backticks inside; pipes escaped for tables; empty stays empty.
    static func code(_ value: String) -> String {
        guard !value.isEmpty else { return "" }
        let flat = value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
        var longest = 0, run = 0
        for character in flat { run = character == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        let lines = ["| " + headers.joined(separator: " | ") + " |", "|" + headers.map { _ in "---|" }.joined()]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}
