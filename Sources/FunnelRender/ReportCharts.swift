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
        let rowHeight = 24.0, gap = 6.0, labelWidth = 190.0, countWidth = 70.0
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
            nodes.append(label(TextWidth.truncated(row.name, to: 26), x: labelWidth, y: y + rowHeight / 2, anchor: "end",
                               full: row.name))
            nodes.append(label(String(row.cards), x: width - countWidth + 6, y: y + rowHeight / 2, anchor: "start",
                               className: "count"))
        }
        let height = gap + Double(rows.count) * (rowHeight + gap)
        return svg(id: "funnel-chart", height: height, nodes)
    }

    /// The moves as an arc diagram: the places in funnel order on one line, forward moves arching above,
    /// moves back (and archives) below, each arc as thick as its card count and labelled with it.
    static func flow(_ flows: CardFlows, edgeLimit: Int) -> Body {
        let edges = Array(flows.edges.prefix(edgeLimit))
        let used = Set(edges.flatMap { [$0.from, $0.to] })
        let places = flows.nodes.filter { node in
            if case .phase = node { return true }
            return used.contains(node)
        }
        let index = Dictionary(places.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let spacing = max(96, width / Double(max(1, places.count)))
        let chartWidth = spacing * Double(places.count)
        let boxHeight = 28.0, largest = Double(max(1, edges.map(\.cards).max() ?? 1))
        func lift(_ edge: CardFlows.Edge) -> Double {
            min(150, 36 + Double(abs(index[edge.to]! - index[edge.from]!)) * 22)
        }
        let forward = edges.filter { index[$0.to]! > index[$0.from]! }
        let backward = edges.filter { index[$0.to]! < index[$0.from]! }
        let above = (forward.map(lift).max() ?? 0) * 0.75 + 24
        let below = backward.isEmpty ? 8 : (backward.map(lift).max() ?? 0) * 0.75 + 24
        let top = above, bottom = above + boxHeight
        func center(_ node: CardFlows.Node) -> Double { spacing * (Double(index[node]!) + 0.5) }

        let description = edges.map { "\($0.from.label) to \($0.to.label): \(ReportDisplay.cards($0.cards))" }
        var nodes = header(id: "flow-chart", title: "Card moves",
                           description: description.isEmpty ? "No card moved." : description.joined(separator: "; ") + ".")
        nodes.append(HTMLNodes.element("defs", HTMLNodes.element("marker",
            HTMLNodes.attribute("id", "arrow"), HTMLNodes.attribute("viewBox", "0 0 10 10"),
            HTMLNodes.attribute("refX", "9"), HTMLNodes.attribute("refY", "5"),
            HTMLNodes.attribute("markerWidth", "5"), HTMLNodes.attribute("markerHeight", "5"),
            HTMLNodes.attribute("orient", "auto-start-reverse"),
            HTMLNodes.element("path", HTMLNodes.attribute("class", "arrow"), HTMLNodes.attribute("d", "M0,0 L10,5 L0,10 z")))))
        for edge in edges {
            let isForward = index[edge.to]! > index[edge.from]!
            let x1 = center(edge.from), x2 = center(edge.to), h = lift(edge)
            let y = isForward ? top : bottom, direction = isForward ? -1.0 : 1.0
            let control = y + direction * h
            let path = "M\(HTMLNodes.number(x1)),\(HTMLNodes.number(y)) C\(HTMLNodes.number(x1)),\(HTMLNodes.number(control)) "
                + "\(HTMLNodes.number(x2)),\(HTMLNodes.number(control)) \(HTMLNodes.number(x2)),\(HTMLNodes.number(y))"
            nodes.append(HTMLNodes.element("path",
                HTMLNodes.attribute("class", edge.to == .archived ? "arc to-archive" : "arc"),
                HTMLNodes.attribute("d", path),
                HTMLNodes.attribute("stroke-width", HTMLNodes.number(1.5 + 6 * Double(edge.cards) / largest)),
                HTMLNodes.attribute("marker-end", "url(#arrow)"),
                HTMLNodes.element("title", HTMLNodes.text("\(edge.from.label) → \(edge.to.label): \(ReportDisplay.cards(edge.cards))"))))
            let apex = y + direction * h * 0.75
            nodes.append(label(String(edge.cards), x: (x1 + x2) / 2, y: apex + direction * 9, anchor: "middle",
                               className: "arc-count"))
        }
        for place in places {
            let x = center(place) - spacing / 2 + 5
            nodes.append(HTMLNodes.element("rect",
                HTMLNodes.attribute("class", "node \(place.kind)"), HTMLNodes.attribute("x", HTMLNodes.number(x)),
                HTMLNodes.attribute("y", HTMLNodes.number(top)), HTMLNodes.attribute("width", HTMLNodes.number(spacing - 10)),
                HTMLNodes.attribute("height", HTMLNodes.number(boxHeight)), HTMLNodes.attribute("rx", "4")))
            let fits = max(4, Int((spacing - 16) / 7))
            nodes.append(label(TextWidth.truncated(place.label, to: fits), x: center(place), y: top + boxHeight / 2,
                               anchor: "middle", className: "node-label", full: place.label))
        }
        return svg(id: "flow-chart", height: bottom + below, width: chartWidth, nodes)
    }

    /// `<title>` and `<desc>` first: what a screen reader says and what a browser shows on hover.
    private static func header(id: String, title: String, description: String) -> [Body] {
        [HTMLNodes.element("title", HTMLNodes.attribute("id", "\(id)-title"), HTMLNodes.text(title)),
         HTMLNodes.element("desc", HTMLNodes.attribute("id", "\(id)-desc"), HTMLNodes.text(description))]
    }

    private static func svg(id: String, height: Double, width: Double = ReportCharts.width, _ nodes: [Body]) -> Body {
        HTMLNodes.element("svg", [
            HTMLNodes.attribute("id", id),
            HTMLNodes.attribute("xmlns", "http://www.w3.org/2000/svg"),
            HTMLNodes.attribute("role", "img"),
            HTMLNodes.attribute("aria-labelledby", "\(id)-title \(id)-desc"),
            HTMLNodes.attribute("viewBox", "0 0 \(HTMLNodes.number(width)) \(HTMLNodes.number(height))"),
            HTMLNodes.attribute("preserveAspectRatio", "xMinYMin meet"),
        ] + nodes)
    }

    private static func label(_ text: String, x: Double, y: Double, anchor: String, className: String = "label",
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
