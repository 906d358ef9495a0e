import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

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
        let moved = try await SandboxData.moveCard(named: "Ada Lovelace", in: funnel.directory.appendingPathComponent(".funnel/sandbox.json"))
        try await Self.expectRefused(funnel, plan, ["card[\"1\"] (\(moved.card)) changed in Wix since the plan: ",
                                                    "phase \(moved.from) → \(moved.to)"])
    }
}

/// A person working in the Wix dashboard, played by a sandbox over the funnel's own data file (the
/// in-process sandbox `wix.sandbox:` starts serves the site `sandbox-site`).
enum SandboxData {
    /// Moves the card named `name` to another phase of its workflow.
    static func moveCard(named name: String, in file: URL) async throws -> (card: String, from: String, to: String) {
        let server = try await EmulatorServer.start(port: 0, options: EmulatorOptions(dataPath: file.path))
        do {
            let client = WixClient(configuration: .sandbox(baseURL: server.baseURL, apiKey: Secret("dashboard"), siteId: "sandbox-site"))
            let workflow = try #require(try await client.workflows().collect().first)
            let card = try #require(try await client.cards(workflowId: workflow.id).collect().first { $0.info.name == name })
            let from = try #require(card.phaseId)
            let to = try #require(try await client.getWorkflow(id: workflow.id, cardsPerPhase: 0).phases.map(\.id).first { $0 != from })
            try await client.moveCard(id: card.id, phaseId: to)
            await server.stop()
            return (card.id, from, to)
        } catch {
            await server.stop()
            throw error
        }
    }
}
