import Foundation
import FunnelCore
import FunnelRender
import FunnelTestSupport
import Testing

@Suite("Card flows and the Mermaid diagram")
struct CardFlowsTests {
    static let options = RenderOptions(color: false, showPersonalData: false)

    static func move(_ id: Int, _ action: StepAction, from: String?, to: String?) -> PlanStep {
        PlanStep(id: id, group: .cardMove, action: action, address: "card[\"L-\(id)\"]",
                 before: from.map { ["phase": $0] }, after: to.map { ["phase": $0] }, reason: "",
                 operation: .moveCard(card: "card-\(id)", phase: .id("ph")))
    }

    @Test("each card action is one path: create from new, win to Win, archive to archived, restore from archived")
    func paths() {
        let steps = [
            Self.move(1, .createCard, from: nil, to: "New Lead"),
            Self.move(2, .createCard, from: nil, to: "New Lead"),
            Self.move(3, .moveCard, from: "New Lead", to: "Contacted"),
            Self.move(4, .winCard, from: "Contacted", to: "Win"),
            Self.move(5, .archiveCard, from: "Contacted", to: "archived"),
            Self.move(6, .restoreCard, from: "archived", to: "Contacted"),
            Self.move(7, .createCard, from: nil, to: "Win"),
            Self.move(8, .updateCard, from: nil, to: nil),
        ]
        let flows = CardFlows(steps: steps, phaseOrder: ["New Lead", "Contacted", "Qualified"])
        #expect(flows.edges == [
            .init(from: .new, to: .phase("New Lead"), cards: 2),
            .init(from: .new, to: .win, cards: 1),
            .init(from: .phase("New Lead"), to: .phase("Contacted"), cards: 1),
            .init(from: .phase("Contacted"), to: .win, cards: 1),
            .init(from: .phase("Contacted"), to: .archived, cards: 1),
            .init(from: .archived, to: .phase("Contacted"), cards: 1),
        ])
        #expect(flows.totalCards == 7)
        #expect(flows.nodes == [.new, .phase("New Lead"), .phase("Contacted"), .phase("Qualified"), .win, .archived])
    }

    @Test("a phase the config no longer has (a card leaves it) is drawn after the configured ones")
    func removedPhase() {
        let flows = CardFlows(steps: [Self.move(1, .moveCard, from: "Lost", to: "New Lead")], phaseOrder: ["New Lead"])
        #expect(flows.phases == ["New Lead", "Lost"])
    }

    @Test("a plan with every action: the markdown starts with the diagram under the title, edges carry counts")
    func markdownDiagram() throws {
        let markdown = PlanRenderer.markdown(PlanFixtures.everyAction, options: Self.options)
        let blocks = markdown.components(separatedBy: "\n\n")
        #expect(blocks[0] == "### funnel plan: Lead Funnel")
        #expect(blocks[1].hasPrefix("```mermaid\nflowchart LR\n"))
        let chart = try #require(MermaidFlowchart.chart(CardFlows(plan: PlanFixtures.everyAction)))
        #expect(blocks[1] == "```mermaid\n\(chart.source)\n```")
        #expect(chart.source.contains("-->|1|"))
    }

    @Test("no diagram and no flow table when no card changes place")
    func noCardChanges() {
        for plan in [PlanFixtures.empty, PlanFixtures.noChangesWithReports] {
            #expect(!PlanRenderer.markdown(plan, options: Self.options).contains("```mermaid"))
            #expect(!PlanRenderer.human(plan, options: Self.options).contains("Card moves:"))
        }
        #expect(MermaidFlowchart.chart(CardFlows(phases: ["A"], edges: [])) == nil)
    }

    @Test("the human view prints the same flows as a table under the summary")
    func humanTable() {
        let plan = PlanFixtures.everyAction
        let lines = PlanRenderer.human(plan, options: Self.options).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let summary = lines.firstIndex(of: plan.summary.line)!
        let table = lines.firstIndex(of: "Card moves:")!
        #expect(table > summary)
        #expect(lines[table + 1].hasPrefix("  FROM"))
        let rows = lines[(table + 2)...].prefix { $0.hasPrefix("  ") }
        #expect(rows.count == CardFlows(plan: plan).edges.count)
    }

    @Test("at most 40 edges are drawn; the rest are summed in a note")
    func edgeLimit() throws {
        let phases = (0..<46).map { "P\($0)" }
        var steps: [PlanStep] = []
        for index in 0..<45 {
            // Path i is taken by 45 - i cards, so the five least taken are left out: 5+4+3+2+1 = 15 cards.
            for copy in 0..<(45 - index) {
                steps.append(Self.move(index * 100 + copy, .moveCard, from: phases[index], to: phases[index + 1]))
            }
        }
        let chart = try #require(MermaidFlowchart.chart(CardFlows(steps: steps, phaseOrder: phases)))
        #expect(chart.source.components(separatedBy: "-->|").count - 1 == 40)
        #expect(chart.omittedNote == "5 more paths (15 cards) not drawn.")
        #expect(!chart.source.contains("-->|5|"))
        #expect(chart.source.contains("-->|6|"))
    }

    @Test("labels: ASCII punctuation becomes #NN; codes, letters, digits, spaces and emoji stay; ids are ours")
    func labels() throws {
        let names = ["Say \"hi\"", "[VIP] (hot)", "end", "1. New", "#1; a", "🚀 Launch", "a`b`", "<b>x</b>", "Ünïcode 日本"]
        let steps = names.enumerated().map { Self.move($0.offset, .createCard, from: nil, to: $0.element) }
        let source = try #require(MermaidFlowchart.chart(CardFlows(steps: steps, phaseOrder: names))).source
        #expect(source.contains("[\"Say #34;hi#34;\"]"))
        #expect(source.contains("[\"#91;VIP#93; #40;hot#41;\"]"))
        #expect(source.contains("[\"end\"]"))
        #expect(source.contains("[\"1#46; New\"]"))
        #expect(source.contains("[\"#35;1#59; a\"]"))
        #expect(source.contains("[\"🚀 Launch\"]"))
        #expect(source.contains("[\"Ünïcode 日本\"]"))
        #expect(!source.contains("`"))
        #expect(!source.contains("<"))
        // Every line is an id-led statement: no name ever stands where Mermaid reads syntax.
        for line in source.split(separator: "\n").dropFirst() {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("n"), "\(line)")
        }
    }
}
