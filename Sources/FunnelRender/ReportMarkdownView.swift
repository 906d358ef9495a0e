import FunnelCore

/// `funnel report --format markdown`: for a pull-request comment or a CI job summary.
struct ReportMarkdownView {
    let report: FunnelReport

    func render() -> String {
        var blocks = ["### funnel report: \(Markdown.text(ReportDisplay.workflow(report)))"]
        blocks.append("**\(Markdown.text(ReportDisplay.totals(report)))**")
        blocks.append(Markdown.table(["Phase", "Cards", "Owned by funnel", "Median time in phase"], report.places.map { place in
            [Markdown.text(place.name), String(place.cards), String(place.owned),
             place.kind == .archived ? "" : Markdown.text(ReportDisplay.days(place.medianDaysInPhase))]
        }))
        blocks.append("<sub>\(Markdown.text(ReportDisplay.basis(report)))</sub>")

        blocks.append("#### \(Markdown.text(ReportDisplay.movesLine(report)))")
        if let note = ReportDisplay.journalNote(report) { blocks.append(Markdown.text(note)) }
        if let diagram = MermaidFlowchart.markdownBlock(report.moves.flows) {
            blocks.append(diagram)
            blocks.append(Markdown.table(["From", "To", "Cards"], report.moves.flows.edges.map {
                [Markdown.text($0.from.label), Markdown.text($0.to.label), String($0.cards)]
            }))
        }

        if report.rejected.isEmpty {
            blocks.append(Markdown.text(ReportDisplay.noRejected(report)))
        } else {
            blocks.append("#### Rejected records (\(report.rejected.count) of \(report.recordCount), not synced)")
            blocks.append(Markdown.table(["Key", "Reason", "Location"], report.rejected.map {
                [Markdown.code(PlanDisplay.rejectedKey($0)), Markdown.text($0.reason), Markdown.code($0.location ?? "")]
            }))
        }
        blocks.append("<sub>\(Markdown.text(ReportDisplay.generated(report)))</sub>")
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
