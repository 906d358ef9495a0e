import FunnelCore

/// `funnel report` in a terminal: bar charts of block characters that fit `width` columns.
struct ReportTextView {
    let report: FunnelReport
    let width: Int
    let style: ANSIStyle
    private var lines: [String] = []

    init(report: FunnelReport, width: Int, style: ANSIStyle) {
        self.report = report
        // Narrower than 40 columns no bar is readable; wider than 200 the bars stop meaning anything.
        self.width = min(max(width, 40), 200)
        self.style = style
    }

    func render() -> String {
        var view = self
        view.lines += TextWidth.wrapped("funnel report: \(ReportDisplay.workflow(report))", width: view.width).map(style.bold)
        view.lines += TextWidth.wrapped(ReportDisplay.generated(report), width: view.width)
        view.cards()
        view.moves()
        view.rejected()
        return view.lines.joined(separator: "\n") + "\n"
    }

    private mutating func cards() {
        lines.append("")
        lines.append(style.bold("Cards per phase"))
        lines += TextWidth.wrapped(ReportDisplay.totals(report), width: width, indent: "  ")
        let rows = report.places.map { place in
            Row(label: place.name, value: place.cards,
                suffix: place.kind == .archived ? "" : ReportDisplay.days(place.medianDaysInPhase))
        }
        lines += bars(rows)
        lines += TextWidth.wrapped(ReportDisplay.basis(report), width: width, indent: "  ")
    }

    private mutating func moves() {
        lines.append("")
        lines += TextWidth.wrapped(ReportDisplay.movesLine(report), width: width).map(style.bold)
        if let note = ReportDisplay.journalNote(report) { lines += TextWidth.wrapped(note, width: width, indent: "  ") }
        let rows = report.moves.flows.edges.map { Row(label: "\($0.from.label) → \($0.to.label)", value: $0.cards, suffix: "") }
        lines += bars(rows)
    }

    private mutating func rejected() {
        lines.append("")
        guard !report.rejected.isEmpty else {
            lines += TextWidth.wrapped(ReportDisplay.noRejected(report), width: width)
            return
        }
        lines += TextWidth.wrapped("Rejected records (\(report.rejected.count) of \(report.recordCount), not synced):",
                                   width: width).map(style.bold)
        lines += report.rejected.map { record in
            let location = record.location.map { "  (\($0))" } ?? ""
            return "  " + TextWidth.truncated("\(PlanDisplay.rejectedKey(record))  \(record.reason)\(location)", to: width - 2)
        }
    }

    struct Row {
        var label: String
        var value: Int
        var suffix: String
    }

    /// `  Contacted   ██████████▌        12  3.5 d`: labels cut to a third of the width, bars scaled to the largest value.
    private func bars(_ rows: [Row]) -> [String] {
        guard !rows.isEmpty else { return [] }
        let labelWidth = min(rows.map { TextWidth.of($0.label) }.max() ?? 0, width / 3)
        let valueWidth = rows.map { String($0.value).count }.max() ?? 1
        let suffixWidth = rows.map { TextWidth.of($0.suffix) }.max() ?? 0
        let barWidth = max(1, width - 2 - labelWidth - 2 - 1 - valueWidth - (suffixWidth > 0 ? suffixWidth + 2 : 0))
        let largest = max(1, rows.map(\.value).max() ?? 1)
        return rows.map { row in
            let label = TextWidth.padded(TextWidth.truncated(row.label, to: labelWidth), to: labelWidth)
            let bar = Self.bar(row.value, of: largest, width: barWidth)
            let value = String(repeating: " ", count: valueWidth - String(row.value).count) + String(row.value)
            let suffix = suffixWidth > 0 ? "  " + TextWidth.padded(row.suffix, to: suffixWidth) : ""
            let line = "  \(label)  \(TextWidth.padded(bar, to: barWidth)) \(value)\(suffix)"
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// Eighths of a block: `█` per full column and one of `▏▎▍▌▋▊▉` for the rest; a non-zero value shows at least `▏`.
    static func bar(_ value: Int, of largest: Int, width: Int) -> String {
        let eighths = Int((Double(value) / Double(largest) * Double(width * 8)).rounded())
        let shown = value > 0 ? max(1, eighths) : 0
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][shown % 8]
        return String(repeating: "█", count: shown / 8) + partial
    }
}
