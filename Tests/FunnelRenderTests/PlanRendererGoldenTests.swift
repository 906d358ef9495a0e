import Foundation
import FunnelCore
import FunnelRender
import FunnelTestSupport
import Testing

/// Every view of the plans the real planner makes for `GoldenScenario.all`, against the files in
/// `Golden/` (`FUNNEL_UPDATE_GOLDEN=1` rewrites them).
@Suite("Plan output golden files")
struct PlanRendererGoldenTests {
    static let plain = RenderOptions(color: false, showPersonalData: false)
    static let colour = RenderOptions(color: true, showPersonalData: false)

    @Test("human view, no colour", arguments: GoldenScenario.all)
    func human(scenario: GoldenScenario) async throws {
        let text = PlanRenderer.human(try await GoldenPlans.plan(scenario), options: Self.plain)
        Golden.expect(text, matches: "\(scenario.name).human.txt")
        #expect(!text.contains("\u{1B}["))
    }

    @Test("markdown view", arguments: GoldenScenario.all)
    func markdown(scenario: GoldenScenario) async throws {
        Golden.expect(PlanRenderer.markdown(try await GoldenPlans.plan(scenario), options: Self.colour),
                      matches: "\(scenario.name).md")
    }

    @Test("JSON document, masked", arguments: GoldenScenario.all)
    func json(scenario: GoldenScenario) async throws {
        Golden.expect(try PlanRenderer.json(try await GoldenPlans.plan(scenario), options: Self.plain),
                      matches: "\(scenario.name).json")
    }

    @Test("a saved plan reads back equal", arguments: GoldenScenario.all)
    func roundTrip(scenario: GoldenScenario) async throws {
        let plan = try await GoldenPlans.plan(scenario)
        #expect(try PlanRenderer.decode(Data(try PlanRenderer.json(plan, options: .planFile).utf8)) == plan)
    }

    @Test("human view with colour uses ANSI only around symbols, headings and the refusal")
    func colour() async throws {
        let plan = try await GoldenPlans.plan(.everyAction)
        let text = PlanRenderer.human(plan, options: Self.colour)
        Golden.expect(text, matches: "every-action.human.color.txt")
        #expect(text.contains("\u{1B}[32m+ \u{1B}[0m"))
        #expect(text.contains("\u{1B}[36m->\u{1B}[0m"))
        #expect(text.contains("\u{1B}[33m~ \u{1B}[0m"))
        #expect(text.contains("\u{1B}[31m- \u{1B}[0m"))
        // Without the escapes it is the plain view, line for line.
        #expect(text.replacing(#/\x1B\[[0-9;]*m/#, with: "") == PlanRenderer.human(plan, options: Self.plain))
    }

    @Test("a refused gate is printed in bold red after the summary, naming the override")
    func refusedColour() async throws {
        let text = PlanRenderer.human(try await GoldenPlans.plan(.gateRefused), options: Self.colour)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("\u{1B}[1;31mRefused: this plan archives 3 cards (75% of the 4 owned cards)") },
                "\(text)")
        #expect(text.contains("re-run with --allow-large-changes if this is intended."))
    }

    @Test("a move into a phase the same plan renames shows the new name")
    func moveIntoRenamedPhase() async throws {
        let text = PlanRenderer.human(try await GoldenPlans.plan(.everyAction), options: Self.plain)
        let line = try #require(text.split(separator: "\n").first { $0.contains("card[\"L-012\"]") }, "\(text)")
        #expect(line.contains("Contacted -> Qualified"), "\(line)")
        #expect(!line.contains("Warm"), "\(line)")
    }

    @Test("the summary and estimate lines are exact")
    func contractLines() async throws {
        let text = PlanRenderer.human(try await GoldenPlans.plan(.everyAction), options: Self.colour)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(Self.everyActionSummary), "\(lines)")
        #expect(lines.contains("Phases: 1 to delete."), "\(lines)")
        #expect(lines.contains(Self.everyActionEstimate), "\(lines)")
        let empty = PlanRenderer.human(try await GoldenPlans.plan(.empty), options: Self.plain)
        #expect(empty.split(separator: "\n").last == "No changes. Wix matches funnel.yaml and the source.")
        #expect(!empty.contains("Plan:"))
    }

    static let everyActionSummary = "Plan: 3 to create, 7 to move, 4 to update, 2 to archive."
    static let everyActionEstimate = "Apply will make 20 API calls (about 6 s at 200 requests/minute; apply's CPU per call not yet known)."

    @Test("groups appear in StepGroup order whatever the step order")
    func groupOrder() async throws {
        let text = PlanRenderer.human(try await GoldenPlans.plan(.everyAction), options: Self.plain)
        let headings = text.split(separator: "\n").map(String.init)
            .filter { (try? #/[A-Z][a-z ]+ \([0-9]+\)/#.wholeMatch(in: $0)) != nil }
        #expect(headings == ["Workflow (1)", "Phases (3)", "Contacts (2)", "Cards (10)", "Phase removal (1)"], "\(headings)")
        // Inside Cards: archives first, then moves and restores, then creates, then updates.
        let cards = text.components(separatedBy: "Cards (")[1].components(separatedBy: "Phase removal")[0]
        let order = try ["card[\"L-016\"]", "card[\"L-003\"]", "card[\"L-014\"]", "card[\"L-017\"]", "card[\"L-013\"]", "card[\"L-010\"]"]
            .map { address in try #require(cards.range(of: address), "\(address) in \(cards)").lowerBound }
        #expect(order == order.sorted())
    }
}
