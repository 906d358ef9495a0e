import FunnelCore
import Plot

/// The report page's two SVG charts. The geometry is ours; the colours come from the page's CSS,
/// so the light and dark schemes and print need no second drawing.
enum ReportCharts {
    typealias Body = HTMLNodes.Body
    static let width = 720.0

    /// Cards per place as centred bars, widest at the top when the funnel narrows: the classic funnel picture.
    static func funnel(_ report: FunnelReport) -> Body {
        let rows = report.places
        // Narrower than the flow chart: it shares its row with the table of the same numbers.
        let width = 480.0, rowHeight = 24.0, gap = 6.0, labelWidth = 140.0, countWidth = 44.0
        let barArea = width - labelWidth - countWidth - 20
        let largest = Double(max(1, rows.map(\.cards).max() ?? 1))
        var nodes = header(id: "funnel-chart", title: "Cards per phase",
                           description: rows.map { "\($0.name): \(ReportDisplay.cards($0.cards))" }.joined(separator: "; ") + ".")
        for (index, row) in rows.enumerated() {
            let y = gap + Double(index) * (rowHeight + gap)
            let barWidth = row.cards == 0 ? 0 : max(3, barArea * Double(row.cards) / largest)
            nodes.append(HTMLNodes.element("rect",
                HTMLNodes.attribute("class", "bar \(row.kind.rawValue)"),
                HTMLNodes.attribute("x", HTMLNodes.number(labelWidth + 10 + (barArea - barWidth) / 2)),
                HTMLNodes.attribute("y", HTMLNodes.number(y)),
                HTMLNodes.attribute("width", HTMLNodes.number(barWidth)),
                HTMLNodes.attribute("height", HTMLNodes.number(rowHeight)),
                HTMLNodes.attribute("rx", "3")))
            nodes.append(label(TextWidth.truncated(row.name, to: 19), x: labelWidth, y: y + rowHeight / 2, anchor: "end",
                               full: row.name))
            nodes.append(label(String(row.cards), x: width - countWidth + 6, y: y + rowHeight / 2, anchor: "start",
                               className: "count"))
        }
        let height = gap + Double(rows.count) * (rowHeight + gap)
        return svg(id: "funnel-chart", height: height, width: width, nodes)
    }

    /// `<title>` and `<desc>` first: what a screen reader says and what a browser shows on hover.
    static func header(id: String, title: String, description: String) -> [Body] {
        [HTMLNodes.element("title", HTMLNodes.attribute("id", "\(id)-title"), HTMLNodes.text(title)),
         HTMLNodes.element("desc", HTMLNodes.attribute("id", "\(id)-desc"), HTMLNodes.text(description))]
    }

    static func svg(id: String, height: Double, width: Double = ReportCharts.width, _ nodes: [Body]) -> Body {
        HTMLNodes.element("svg", [
            HTMLNodes.attribute("id", id),
            HTMLNodes.attribute("xmlns", "http://www.w3.org/2000/svg"),
            HTMLNodes.attribute("role", "img"),
            HTMLNodes.attribute("aria-labelledby", "\(id)-title \(id)-desc"),
            HTMLNodes.attribute("viewBox", "0 0 \(HTMLNodes.number(width)) \(HTMLNodes.number(height))"),
            HTMLNodes.attribute("preserveAspectRatio", "xMinYMin meet"),
        ] + nodes)
    }

    static func label(_ text: String, x: Double, y: Double, anchor: String, className: String = "label",
                              full: String? = nil) -> Body {
        var nodes = [
            HTMLNodes.attribute("class", className), HTMLNodes.attribute("x", HTMLNodes.number(x)),
            HTMLNodes.attribute("y", HTMLNodes.number(y)), HTMLNodes.attribute("text-anchor", anchor),
            HTMLNodes.attribute("dominant-baseline", "central"),
        ]
        // A cut label keeps its whole name for hover and for the DOM.
        if let full, full != text { nodes.append(HTMLNodes.element("title", HTMLNodes.text(full))) }
        nodes.append(HTMLNodes.text(text))
        return HTMLNodes.element("text", nodes)
    }
}
