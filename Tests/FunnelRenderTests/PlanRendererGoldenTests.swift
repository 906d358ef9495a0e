import Foundation
import FunnelCore
import FunnelRender
import FunnelTestSupport
import Testing

@Suite("Plan output golden files")
struct PlanRendererGoldenTests {
    static let names = PlanFixtures.all.map(\.name)

    static func plan(_ name: String) -> Plan { PlanFixtures.all.first { $0.name == name }!.plan }

    @Test("human view, no colour", arguments: names)
    func human(name: String) {
        let text = PlanRenderer.human(Self.plan(name), options: RenderOptions(color: false, showPersonalData: false))
        Golden.expect(text, matches: "\(name).human.txt")
        #expect(!text.contains("\u{1B}["))
    }

    @Test("markdown view", arguments: names)
    func markdown(name: String) {
        Golden.expect(PlanRenderer.markdown(Self.plan(name), options: RenderOptions(color: true, showPersonalData: false)),
                      matches: "\(name).md")
    }

    @Test("JSON document, masked", arguments: names)
    func json(name: String) throws {
        Golden.expect(try PlanRenderer.json(Self.plan(name), options: RenderOptions(color: false, showPersonalData: false)),
                      matches: "\(name).json")
    }

    @Test("human view with colour uses ANSI only around symbols, headings and the refusal")
    func colour() {
        let plan = PlanFixtures.everyAction
        let text = PlanRenderer.human(plan, options: RenderOptions(color: true, showPersonalData: false))
        Golden.expect(text, matches: "every-action.human.color.txt")
        #expect(text.contains("\u{1B}[32m+ \u{1B}[0m"))
        #expect(text.contains("\u{1B}[36m->\u{1B}[0m"))
        #expect(text.contains("\u{1B}[33m~ \u{1B}[0m"))
        #expect(text.contains("\u{1B}[31m- \u{1B}[0m"))
        // Without the escapes it is the plain view, line for line.
        let plain = PlanRenderer.human(plan, options: RenderOptions(color: false, showPersonalData: false))
        #expect(text.replacing(#/\x1B\[[0-9;]*m/#, with: "") == plain)
    }

    @Test("a refused gate is printed in bold red after the summary")
    func refusedColour() {
        let text = PlanRenderer.human(PlanFixtures.gateRefused, options: RenderOptions(color: true, showPersonalData: false))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("\u{1B}[1;31mRefused: this plan archives 3 of 4 cards") })
    }

    @Test("the summary and estimate lines are exact")
    func contractLines() {
        let text = PlanRenderer.human(PlanFixtures.everyAction, options: RenderOptions(color: true, showPersonalData: false))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("Plan: 1 to create, 6 to move, 4 to update, 2 to archive."))
        #expect(lines.contains("Phases: 1 to delete."))
        #expect(lines.contains("Apply will make 14 API calls (about 1 min 35 s at 200 requests/minute)."))
        let empty = PlanRenderer.human(PlanFixtures.empty, options: RenderOptions(color: false, showPersonalData: false))
        #expect(empty.split(separator: "\n").last == "No changes. Wix matches funnel.yaml and the source.")
        #expect(!empty.contains("Plan:"))
    }

    @Test("groups appear in StepGroup order whatever the step order")
    func groupOrder() {
        let text = PlanRenderer.human(PlanFixtures.everyAction, options: RenderOptions(color: false, showPersonalData: false))
        let headings = text.split(separator: "\n").map(String.init)
            .filter { (try? #/[A-Z][a-z ]+ \([0-9]+\)/#.wholeMatch(in: $0)) != nil }
        #expect(headings == ["Workflow (1)", "Phases (3)", "Contacts (1)", "Cards (7)", "Phase removal (2)"])
        // Inside Cards: archives first, then moves, then updates.
        let cards = text.components(separatedBy: "Cards (")[1].components(separatedBy: "Phase removal")[0]
        let order = ["card[\"L-016\"]", "card[\"L-003\"]", "card[\"L-014\"]", "card[\"L-017\"]", "card[\"L-010\"]"]
            .map { cards.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }
}
