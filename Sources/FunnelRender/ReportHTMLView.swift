import FunnelCore
import Plot

/// `funnel report --format html`: one self-contained page (inline SVG and CSS, no script, nothing
/// fetched), light and dark with the reader's colour scheme, and one printed page.
struct ReportHTMLView {
    typealias Body = HTMLNodes.Body
    let report: FunnelReport
    /// Rows a printed table keeps; the rest are counted in a line only print shows.
    static let printedRows = 10

    func render() -> String {
        let title = "funnel report: \(ReportDisplay.workflow(report))"
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .viewport(.accordingToDevice),
                .element(named: "title", text: title),
                .style(ReportStyle.css)
            ),
            .body(.main(
                .header(.h1(HTMLNodes.text(title)), .p(.class("meta"), HTMLNodes.text(ReportDisplay.generated(report)))),
                cards(),
                moves(),
                rejected()
            ))
        )
        return html.render() + "\n"
    }

    private func cards() -> Body {
        .section(.id("cards"),
            .h2(HTMLNodes.text("Cards per phase")),
            .p(HTMLNodes.text(ReportDisplay.totals(report))),
            .div(.class("pair"),
                figure(ReportCharts.funnel(report), caption: "The funnel now: cards in each phase, in board order."),
                table(["Phase", "Cards", "Owned", "Median time in phase"], numeric: [1, 2, 3], report.places.map { place in
                    [place.name, String(place.cards), String(place.owned),
                     place.kind == .archived ? "" : ReportDisplay.days(place.medianDaysInPhase)]
                })),
            .p(.class("note"), HTMLNodes.text(ReportDisplay.basis(report))))
    }

    private func moves() -> Body {
        let flows = report.moves.flows
        var nodes: [Body] = [.id("moves"), .h2(HTMLNodes.text(ReportDisplay.movesLine(report)))]
        if let note = ReportDisplay.journalNote(report) { nodes.append(.p(.class("note"), HTMLNodes.text(note))) }
        if !flows.isEmpty {
            nodes.append(figure(ReportCharts.flow(flows, edgeLimit: MermaidFlowchart.edgeLimit),
                                caption: "Where cards went: forward moves arch above, moves back and archives below."))
            if let note = MermaidFlowchart.chart(flows)?.omittedNote { nodes.append(.p(.class("note"), HTMLNodes.text(note))) }
            nodes.append(table(["From", "To", "Cards"], numeric: [2], flows.edges.map { [$0.from.label, $0.to.label, String($0.cards)] }))
        }
        return .element(named: "section", nodes: nodes)
    }

    private func rejected() -> Body {
        guard !report.rejected.isEmpty else {
            return .section(.id("rejected"), .p(HTMLNodes.text(ReportDisplay.noRejected(report))))
        }
        return .section(.id("rejected"),
            .h2(HTMLNodes.text("Rejected records (\(report.rejected.count) of \(report.recordCount), not synced)")),
            table(["Key", "Reason", "Location"], numeric: [], report.rejected.map {
                [PlanDisplay.rejectedKey($0), $0.reason, $0.location ?? ""]
            }))
    }

    private func figure(_ chart: Body, caption: String) -> Body {
        .element(named: "figure", nodes: [chart, .element(named: "figcaption", nodes: [HTMLNodes.text(caption)])])
    }

    private func table(_ headers: [String], numeric: Set<Int>, _ rows: [[String]]) -> Body {
        func cellClass(_ column: Int) -> Node<HTML.BodyContext> { numeric.contains(column) ? .class("num") : .empty }
        let head = Node<HTML.TableContext>.thead(.tr(.forEach(headers.enumerated()) { column, header in
            .th(cellClass(column), HTMLNodes.text(header))
        }))
        let body = Node<HTML.TableContext>.tbody(.forEach(rows) { row in
            .tr(.forEach(row.enumerated()) { column, cell in .td(cellClass(column), HTMLNodes.text(cell)) })
        })
        var nodes: [Body] = [.table(head, body)]
        if rows.count > Self.printedRows {
            nodes.append(.p(.class("print-only"),
                            HTMLNodes.text("\(rows.count - Self.printedRows) more rows are on screen only.")))
        }
        return .div(.class("table"), .group(nodes))
    }
}
