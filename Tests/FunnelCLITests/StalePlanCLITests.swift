import Foundation
import FunnelTestSupport
import Testing

/// A saved plan through the file and the real `funnel` executable: `plan --out plan.json`, change
/// one thing, and `apply plan.json` exits 1 naming why and what; unchanged, it applies exactly.
@Suite("stale saved plans at the command line")
struct StalePlanCLITests {
    /// The starter funnel applied, lead 1 moved from `new` to `contacted` in the CSV, and that
    /// move saved as `plan.json`.
    static func savedPlan() async throws -> (StarterFunnel, String) {
        let funnel = try await StarterFunnel.applied()
        try funnel.setStage("contacted", ids: ["1"])
        let path = funnel.directory.appendingPathComponent("plan.json").path
        let planned = try await funnel.run(["plan", "--out", path])
        try #require(planned.status == 0, "\(planned.errors)")
        return (funnel, path)
    }

    /// `apply plan.json` must exit 1, write nothing, and say `reason`.
    static func expectRefused(_ funnel: StarterFunnel, _ plan: String, _ reasons: [String],
                              extra: [String] = []) async throws {
        let applied = try await funnel.run(["apply", plan] + extra)
        #expect(applied.status == 1, "\(applied.output)\(applied.errors)")
        #expect(applied.errors.contains("refusing to apply a stale plan; nothing was written:"), "\(applied.errors)")
        for reason in reasons { #expect(applied.errors.contains(reason), "\(applied.errors)") }
        #expect(!(applied.output + applied.errors).contains(": done"), "\(applied.errors)")
    }

    @Test("unchanged: apply plan.json applies exactly the saved plan, and the next plan has no changes")
    func roundTrip() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        let applied = try await funnel.run(["apply", plan])
        #expect(applied.status == 0, "\(applied.errors)")
        #expect(applied.errors.contains("move_card card[\"1\"]: done"), "\(applied.errors)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("funnel.yaml changed: refused, naming the config file")
    func configChanged() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        try funnel.editConfig(line: "description:", to: "  description: A new description.")
        try await Self.expectRefused(funnel, plan, ["funnel.yaml changed since the plan was made (\(funnel.configPath))"])
    }

    @Test("the source changed: refused, naming the source snapshot")
    func sourceChanged() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        try funnel.setStage("proposal", ids: ["2"])
        try await Self.expectRefused(funnel, plan, ["the source records changed since the plan was made (snapshot "])
    }

    @Test("another apply ran (state serial): refused, naming the serials and the card it moved")
    func stateSerialChanged() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        let other = try await funnel.run(["apply", "--auto-approve"])
        try #require(other.status == 0, "\(other.errors)")
        try await Self.expectRefused(funnel, plan, ["the state changed since the plan (serial 1 → 2): another apply ran",
                                                    "card[\"1\"] ("])
    }

    @Test("the state was replaced (lineage): refused, naming both lineages")
    func lineageChanged() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        let lineage = try #require(try PlanJSON(String(contentsOfFile: plan, encoding: .utf8)).object["state_lineage"] as? String)
        try FileManager.default.removeItem(at: funnel.directory.appendingPathComponent(".funnel/state.db"))
        try await Self.expectRefused(funnel, plan, ["the plan was made against another state (lineage \(lineage), this state is "])
    }

    @Test("older than --max-age: refused, naming both ages")
    func tooOld() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        try await Task.sleep(for: .milliseconds(2100))
        try await Self.expectRefused(funnel, plan, ["the plan is ", " s old; --max-age is 1 s"], extra: ["--max-age", "1s"])
        let fresh = try await funnel.run(["apply", plan, "--max-age", "1h"])
        #expect(fresh.status == 0, "\(fresh.errors)")
    }

    @Test("a card moved in Wix since the plan: refused, naming the card, its id and how it moved")
    func objectMovedInWix() async throws {
        let (funnel, plan) = try await Self.savedPlan()
        defer { funnel.remove() }
        // A person moves Ada's card to another phase in Wix: the sandbox's site data changes.
        let moved = try SandboxData.moveCard(named: "Ada Lovelace", in: funnel.directory.appendingPathComponent(".funnel/sandbox.json"))
        try await Self.expectRefused(funnel, plan, ["card[\"1\"] (\(moved.card)) changed in Wix since the plan: ",
                                                    "phase \(moved.from) → \(moved.to)"])
    }
}

/// Edits of the sandbox's data file, standing in for a person working in the Wix dashboard.
enum SandboxData {
    /// Moves the card named `name` to another phase of its workflow (bumping its `updatedDate`).
    static func moveCard(named name: String, in file: URL) throws -> (card: String, from: String, to: String) {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var sites = try #require(root["sites"] as? [String: Any])
        let siteId = try #require(sites.keys.first)
        var site = try #require(sites[siteId] as? [String: Any])
        var cards = try #require(site["cards"] as? [String: Any])
        let (id, value) = try #require(cards.first { ($0.value as? [String: Any])?["name"] as? String == name })
        var card = try #require(value as? [String: Any])
        let from = try #require(card["phaseId"] as? String)
        let phases = cards.values.compactMap { ($0 as? [String: Any])?["phaseId"] as? String }
        let to = try #require(phases.first { $0 != from })
        card["phaseId"] = to
        card["updatedDate"] = "2030-01-01T00:00:00Z"
        cards[id] = card
        site["cards"] = cards
        sites[siteId] = site
        root["sites"] = sites
        try JSONSerialization.data(withJSONObject: root).write(to: file)
        return (id, from, to)
    }
}
