import Foundation
import FunnelTestSupport
import Testing

/// What funnel draws, checked in a real browser: the Markdown plan's Mermaid diagram rendered by
/// mermaid.js, and the HTML report opened, read back from the DOM, printed and photographed
/// (the screenshots land in .build/browser-checks/ for a person to look at).
@Suite("Checked in a browser", .serialized)
struct BrowserTests {
    /// A few stages of the example edited: three leads move on, one is lost, two are won.
    static let edits = ["L-1001": "contacted", "L-1002": "qualified", "L-1003": "negotiation", "L-1005": "proposal",
                        "L-1008": "lost", "L-1012": "won", "L-1015": "won"]

    @Test("a plan of examples/lead-funnel with stages edited renders as a flow diagram in mermaid.js")
    func examplePlanDiagram() async throws {
        _ = try #require(FunnelExecutable.url, "the funnel executable is built by `swift build --build-tests`")
        guard let chromium = Browser.requireChromium(), let mermaid = Browser.requireMermaid() else { return }
        let example = try ExampleFunnel.copy()
        defer { example.remove() }
        #expect(try await example.funnel(["apply", "--auto-approve", "-c", example.config]).status == 0)
        try example.setStages(Self.edits)
        let plan = try await example.funnel(["plan", "--format", "markdown", "-c", example.config])
        #expect(plan.status == 0, "\(plan.errors)")
        let source = try #require(MermaidRendering.block(in: plan.output), "no mermaid block in:\n\(plan.output)")

        try FileManager.default.createDirectory(at: Browser.artifacts, withIntermediateDirectories: true)
        let rendered = try await MermaidRendering.render(source, chromium: chromium, mermaid: mermaid, in: example.directory,
                                                         screenshot: Browser.artifacts.appendingPathComponent("example-plan-flow.png"))
        try saveArtifact(rendered.svg, as: "example-plan-flow.svg")
        #expect(rendered.status == "rendered")
        #expect(rendered.svg.contains("<svg"))
        #expect(Set(rendered.nodeLabels) == Set(ExampleFunnel.phases + ["new", "Win", "archived"]))
        // Seven leads change place, each on a path of its own: seven edges labelled 1.
        #expect(rendered.edgeLabels == Array(repeating: "1", count: Self.edits.count))
    }

    @Test("phase names with quotes, brackets, emoji, `end` and markdown render as typed, with no parse error")
    func awkwardPhaseNames() async throws {
        _ = try #require(FunnelExecutable.url, "the funnel executable is built by `swift build --build-tests`")
        guard let chromium = Browser.requireChromium(), let mermaid = Browser.requireMermaid() else { return }
        let names = ["Say \"hi\"", "[VIP] (hot)", "end", "🚀 Launch", "#1; a", "1. New", "a|b <i>x</i> & c", "graph",
                     "x --> y", "`code` *em*", "%% not a comment", "Ünïcode 日本語"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("awkward-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeFunnel(phases: names, in: directory)

        let plan = try await FunnelExecutable.run(["plan", "--format", "markdown", "-c", directory.appendingPathComponent("funnel.yaml").path],
                                                  environment: ["NO_COLOR": "1"], in: directory)
        #expect(plan.status == 0, "\(plan.errors)")
        let source = try #require(MermaidRendering.block(in: plan.output), "no mermaid block in:\n\(plan.output)\n\(plan.errors)")
        try FileManager.default.createDirectory(at: Browser.artifacts, withIntermediateDirectories: true)
        let rendered = try await MermaidRendering.render(source, chromium: chromium, mermaid: mermaid, in: directory,
                                                         screenshot: Browser.artifacts.appendingPathComponent("awkward-names-flow.png"))
        try saveArtifact(rendered.svg, as: "awkward-names-flow.svg")
        #expect(rendered.status == "rendered")
        #expect(Set(rendered.nodeLabels) == Set(names + ["new", "Win", "archived"]))
        #expect(rendered.edgeLabels.count == names.count + 1)
    }

    @Test("funnel report --format html opens as one page with every phase and count; printed it is one page")
    func htmlReport() async throws {
        _ = try #require(FunnelExecutable.url, "the funnel executable is built by `swift build --build-tests`")
        guard let chromium = Browser.requireChromium() else { return }
        let example = try ExampleFunnel.copy()
        defer { example.remove() }
        let before = try example.stages()
        #expect(try await example.funnel(["apply", "--auto-approve", "-c", example.config]).status == 0)
        try example.setStages(Self.edits)
        #expect(try await example.funnel(["apply", "--auto-approve", "-c", example.config]).status == 0)
        let page = example.directory.appendingPathComponent("report.html")
        let report = try await example.funnel(["report", "--format", "html", "--out", page.path, "-c", example.config])
        #expect(report.status == 0, "\(report.errors)")

        // What the board holds, worked out from the CSV alone: a lost lead never seen has no card.
        let after = try example.stages()
        var expected = Dictionary(uniqueKeysWithValues: (ExampleFunnel.phases + ["Win", "archived"]).map { ($0, 0) })
        for (old, new) in zip(before, after) {
            if let place = ExampleFunnel.places[new.stage] { expected[place, default: 0] += 1 }
            else if ExampleFunnel.places[old.stage] != nil { expected["archived", default: 0] += 1 }
        }

        let dom = Browser.unescape(try await Browser.dumpDOM(chromium, page))
        try saveArtifact(dom, as: "report-dom.html")
        for place in ExampleFunnel.phases + ["Win", "archived"] {
            let count = expected[place]!
            #expect(dom.contains("<td>\(place)</td><td class=\"num\">\(count)</td>"), "table row of \(place)")
            #expect(dom.contains("\(place): \(count) \(count == 1 ? "card" : "cards")"), "chart description of \(place)")
        }
        // The first apply created a card per lead not lost; the second moved the seven edited ones.
        let moved = before.filter { ExampleFunnel.places[$0.stage] != nil }.count + Self.edits.count
        #expect(dom.contains("Moves funnel applied in the last 30 d: \(moved) cards in 2 apply runs."))
        #expect(dom.contains("<td>New Lead</td><td>Contacted</td><td class=\"num\">1</td>"))
        #expect(dom.contains("<td>Qualified</td><td>archived</td><td class=\"num\">1</td>"))
        #expect(!dom.contains("<script"))

        try FileManager.default.createDirectory(at: Browser.artifacts, withIntermediateDirectories: true)
        let light = Browser.artifacts.appendingPathComponent("report-light.png")
        let dark = Browser.artifacts.appendingPathComponent("report-dark.png")
        try await Browser.screenshot(chromium, page, to: light)
        try await Browser.screenshot(chromium, page, to: dark, dark: true)
        #expect(try Data(contentsOf: light).count > 10_000)
        #expect(try Data(contentsOf: light) != Data(contentsOf: dark), "the dark scheme looks the same as the light one")
        let pages = try await Browser.printedPages(chromium, page, to: Browser.artifacts.appendingPathComponent("report.pdf"))
        #expect(pages == 1)
        let kept = Browser.artifacts.appendingPathComponent("report.html")
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(at: page, to: kept)
    }

    /// A sandbox funnel whose phases have the given names, one lead in each, and one won.
    static func writeFunnel(phases: [String], in directory: URL) throws {
        func quoted(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }
        let map = phases.enumerated().map { "      s\($0.offset): \(quoted($0.element))" }.joined(separator: "\n")
        let yaml = """
            version: 1
            wix:
              sandbox: sandbox.json
            workflow:
              name: Awkward Names
              phases:
            \(phases.map { "    - \(quoted($0))" }.joined(separator: "\n"))
            source:
              type: csv
              path: leads.csv
              key: id
            contact:
              match: email
              fields:
                first: "{{ first }}"
                email: "{{ email }}"
            card:
              source: Browser test
              name: "{{ first }}"
              phase:
                from: stage
                map:
            \(map)
                  won: $win
            state: state.db
            """
        try Data(yaml.utf8).write(to: directory.appendingPathComponent("funnel.yaml"))
        let rows = (phases.indices.map { "L-\($0),Lead\($0),lead\($0)@example.com,s\($0)" } + ["L-99,Winner,winner@example.com,won"])
        try Data((["id,first,email,stage"] + rows).joined(separator: "\n").appending("\n").utf8)
            .write(to: directory.appendingPathComponent("leads.csv"))
    }

    private func saveArtifact(_ text: String, as name: String) throws {
        try FileManager.default.createDirectory(at: Browser.artifacts, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: Browser.artifacts.appendingPathComponent(name))
    }
}
