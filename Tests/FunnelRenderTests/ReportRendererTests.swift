import Foundation
import FunnelCore
import FunnelRender
import Testing

@Suite("funnel report views")
struct ReportRendererTests {
    static let masked = RenderOptions(color: false, showPersonalData: false)

    static let report: FunnelReport = {
        let generated = Date(timeIntervalSince1970: 1_795_939_200) // 2026-11-29 08:00:00 UTC
        let flows = CardFlows(phases: ["New Lead", "Contacted", "Qualified", "Proposal <Sent>"], edges: [
            .init(from: .new, to: .phase("New Lead"), cards: 12),
            .init(from: .phase("New Lead"), to: .phase("Contacted"), cards: 7),
            .init(from: .phase("Contacted"), to: .phase("Qualified"), cards: 4),
            .init(from: .phase("Qualified"), to: .win, cards: 2),
            .init(from: .phase("Contacted"), to: .archived, cards: 1),
        ])
        return FunnelReport(
            generatedAt: generated, funnelVersion: "0.1.0", configPath: "/home/ana/funnel/funnel.yaml",
            workflowName: "Lead Funnel", workflowId: "wf-7c1e",
            phases: [
                .init(name: "New Lead", cards: 9, owned: 8, medianDaysInPhase: 2.5),
                .init(name: "Contacted", cards: 5, owned: 5, medianDaysInPhase: 11.2),
                .init(name: "Qualified", cards: 2, owned: 2, medianDaysInPhase: 0.25),
                .init(name: "Proposal <Sent>", cards: 0, owned: 0, medianDaysInPhase: nil),
            ],
            win: .init(kind: .win, name: "Win", cards: 2, owned: 2, medianDaysInPhase: 1),
            archived: .init(kind: .archived, name: "archived", cards: 4, owned: 3),
            timeInPhaseBasis: .init(journal: 12, updatedDate: 6, unknown: 0), sinceSeconds: 30 * 86_400,
            moves: .init(flows: flows, runs: 3, journalStart: generated.addingTimeInterval(-20 * 86_400), journalTruncated: true),
            recordCount: 25,
            rejected: [RejectedRecord(key: "L-1019", reason: "email \"kim@@example\" is not an email address", location: "leads.csv:20"),
                       RejectedRecord(key: nil, reason: "no id", location: "leads.csv:24")])
    }()

    @Test("text: bar charts of block characters, no line wider than the terminal")
    func text() {
        for width in [40, 80, 132] {
            let text = ReportRenderer.text(Self.report, options: Self.masked, width: width)
            for line in text.split(separator: "\n") {
                #expect(line.count <= width, "\(width) columns: \(line)")
            }
        }
        let text = ReportRenderer.text(Self.report, options: Self.masked, width: 80)
        Golden.expect(text, matches: "report.txt")
        // The largest value fills the bar; the others are in proportion.
        let newLead = text.split(separator: "\n").first { $0.hasPrefix("  New Lead") }!
        let contacted = text.split(separator: "\n").first { $0.hasPrefix("  Contacted ") }!
        #expect(newLead.filter { $0 == "█" }.count > contacted.filter { $0 == "█" }.count)
        #expect(!text.contains("kim@@example"))
    }

    @Test("markdown: the Mermaid flow and the tables")
    func markdown() {
        let markdown = ReportRenderer.markdown(Self.report, options: Self.masked)
        Golden.expect(markdown, matches: "report.md")
        #expect(markdown.contains("```mermaid\nflowchart LR\n"))
        #expect(markdown.contains("| Proposal \\<Sent> | 0 | 0 | — |"))
    }

    @Test("json: the same numbers, masked unless asked")
    func json() throws {
        let text = try ReportRenderer.json(Self.report, options: Self.masked)
        Golden.expect(text, matches: "report.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["personal_data_masked"] as? Bool == true)
        let cards = try #require(object["cards"] as? [String: Any])
        #expect((cards["phases"] as? [[String: Any]])?.map { $0["cards"] as? Int } == [9, 5, 2, 0])
        #expect(cards["total"] as? Int == 22)
        let moves = try #require(object["moves"] as? [String: Any])
        #expect(moves["total_cards"] as? Int == 26)
        #expect(!text.contains("kim@@example"))
        let shown = try ReportRenderer.json(Self.report, options: RenderOptions(color: false, showPersonalData: true))
        #expect(shown.contains("kim@@example"))
    }

    @Test("html: one page, no script, no external reference, a title and a text alternative on every chart")
    func html() {
        let html = ReportRenderer.html(Self.report, options: Self.masked)
        Golden.expect(html, matches: "report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1
                == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(!html.contains("https://"))
        #expect(html.contains("prefers-color-scheme: dark"))
        #expect(html.contains("@media print"))
        let charts = html.components(separatedBy: "<svg").dropFirst()
        #expect(charts.count == 2)
        for chart in charts {
            #expect(chart.contains("role=\"img\""))
            #expect(chart.contains("<title id="))
            #expect(chart.contains("<desc id="))
        }
        #expect(html.contains("Proposal &lt;Sent&gt;"))
        #expect(!html.contains("kim@@example"))
    }
}
