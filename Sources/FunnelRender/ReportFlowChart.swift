import FunnelCore
import Plot

extension ReportCharts {
    /// The moves as an arc diagram: the places in funnel order on one line, forward moves arching above,
    /// moves back (and archives) below, each arc as thick as its card count and labelled with it.
    static func flow(_ flows: CardFlows, edgeLimit: Int) -> Body {
        let layout = FlowLayout(flows, edgeLimit: edgeLimit, width: width)
        let description = layout.edges.map { "\($0.from.label) to \($0.to.label): \(ReportDisplay.cards($0.cards))" }
        var nodes = header(id: "flow-chart", title: "Card moves",
                           description: description.isEmpty ? "No card moved." : description.joined(separator: "; ") + ".")
        // Arrowheads in user units: sized by the stroke they would grow with every card.
        nodes.append(HTMLNodes.element("defs", HTMLNodes.element("marker",
            HTMLNodes.attribute("id", "arrow"), HTMLNodes.attribute("viewBox", "0 0 10 10"),
            HTMLNodes.attribute("refX", "9"), HTMLNodes.attribute("refY", "5"), HTMLNodes.attribute("markerUnits", "userSpaceOnUse"),
            HTMLNodes.attribute("markerWidth", "9"), HTMLNodes.attribute("markerHeight", "9"),
            HTMLNodes.attribute("orient", "auto-start-reverse"),
            HTMLNodes.element("path", HTMLNodes.attribute("class", "arrow"), HTMLNodes.attribute("d", "M0,0 L10,5 L0,10 z")))))
        let largest = Double(max(1, layout.edges.map(\.cards).max() ?? 1))
        for arc in layout.arcs {
            let edge = arc.edge
            let path = "M\(HTMLNodes.number(arc.x1)),\(HTMLNodes.number(arc.y)) "
                + "C\(HTMLNodes.number(arc.x1)),\(HTMLNodes.number(arc.control)) "
                + "\(HTMLNodes.number(arc.x2)),\(HTMLNodes.number(arc.control)) \(HTMLNodes.number(arc.x2)),\(HTMLNodes.number(arc.y))"
            nodes.append(HTMLNodes.element("path",
                HTMLNodes.attribute("class", edge.to == .archived ? "arc to-archive" : "arc"),
                HTMLNodes.attribute("d", path),
                HTMLNodes.attribute("stroke-width", HTMLNodes.number(1.5 + 5 * Double(edge.cards) / largest)),
                HTMLNodes.attribute("marker-end", "url(#arrow)"),
                HTMLNodes.element("title", HTMLNodes.text("\(edge.from.label) → \(edge.to.label): \(ReportDisplay.cards(edge.cards))"))))
            nodes.append(label(String(edge.cards), x: (arc.x1 + arc.x2) / 2, y: arc.labelY, anchor: "middle", className: "arc-count"))
        }
        for place in layout.places {
            let center = layout.center(place)
            nodes.append(HTMLNodes.element("rect",
                HTMLNodes.attribute("class", "node \(place.kind)"),
                HTMLNodes.attribute("x", HTMLNodes.number(center - layout.boxWidth / 2)),
                HTMLNodes.attribute("y", HTMLNodes.number(layout.top)), HTMLNodes.attribute("width", HTMLNodes.number(layout.boxWidth)),
                HTMLNodes.attribute("height", HTMLNodes.number(FlowLayout.boxHeight)), HTMLNodes.attribute("rx", "4")))
            let fits = max(4, Int((layout.boxWidth - 6) / 6.6))
            nodes.append(label(TextWidth.truncated(place.label, to: fits), x: center, y: layout.top + FlowLayout.boxHeight / 2,
                               anchor: "middle", className: "node-label", full: place.label))
        }
        return svg(id: "flow-chart", height: layout.height, width: layout.width, nodes)
    }
}
