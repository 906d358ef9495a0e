import Foundation
import FunnelTestSupport
import Testing

/// `policy.max_archive` where it is enforced: the exit code of the real `funnel plan` and
/// `funnel apply` (text and `--json`, and a saved plan), on the starter funnel (`funnel init`:
/// 6 owned live cards after the first apply).
@Suite("the archive gate at the command line", .serialized)
struct ArchiveGateCLITests {
    /// (max_archive, leads marked lost, allowed): at the limit and one over, for counts and percents.
    static let cases: [(String, Int, Bool)] = [
        ("10%", 1, true), ("10%", 2, false),   // ceil(0.6) = 1
        ("50%", 3, true), ("50%", 4, false),   // 3 of 6
        ("34%", 3, true), ("34%", 4, false),   // ceil(2.04) = 3
        ("2", 2, true), ("2", 3, false),
        ("0", 1, false), ("0%", 1, false),     // 0 allows none
        ("1", 1, true),
    ]

    @Test("plan --detailed-exitcode: 2 at the limit, 3 one over (text and --json), for counts and percents")
    func planAtTheLimitAndOneOver() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        for (limit, lost, allowed) in Self.cases {
            try funnel.setMaxArchive(limit)
            try funnel.setStage("new", ids: ["1", "2", "3", "4", "5"])
            try funnel.setStage("lost", ids: Array(["1", "2", "3", "4"].prefix(lost)))
            let text = try await funnel.run(["plan", "--detailed-exitcode"])
            #expect(text.status == (allowed ? 2 : 3), "max_archive \(limit), \(lost) lost: \(text.output)\(text.errors)")
            #expect(text.output.contains("Refused:") == !allowed, "max_archive \(limit), \(lost) lost: \(text.output)")
            let json = try await funnel.run(["plan", "--json", "--detailed-exitcode"])
            #expect(json.status == (allowed ? 2 : 3), "max_archive \(limit), \(lost) lost (--json): \(json.errors)")
            let document = try PlanJSON(json.output)
            #expect(document.archives == lost)
            #expect((document.gate?["refused"] as? Bool ?? false) == !allowed, "max_archive \(limit), \(lost) lost: \(json.output)")
        }
    }

    @Test("the refusal counts in words and names the override; the override turns it into a note (exit 0)")
    func messageAndOverride() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setStage("lost", ids: ["1", "2"])
        let refused = try await funnel.run(["plan"])
        #expect(refused.status == 3)
        let location = try funnel.maxArchiveLocation()
        #expect(refused.output.contains(
            "Refused: this plan archives 2 cards (33% of the 6 owned cards), more than policy.max_archive (\(location)) allows: "
            + "10% of 6 owned cards = 1 card (rounded up, at least 1). "
            + "Nothing will be applied; re-run with --allow-large-changes if this is intended."), "\(refused.output)")

        try funnel.setMaxArchive("1")
        try funnel.setStage("lost", ids: ["1", "2", "3"])
        let count = try await funnel.run(["plan"])
        #expect(count.status == 3)
        #expect(count.output.contains("this plan archives 3 cards (50% of the 6 owned cards), more than policy.max_archive (\(try funnel.maxArchiveLocation())) allows: 1 card."),
                "\(count.output)")

        let overridden = try await funnel.run(["plan", "--allow-large-changes", "--detailed-exitcode"])
        #expect(overridden.status == 2, "\(overridden.errors)")
        #expect(overridden.output.contains("Note: this plan archives 3 cards"))
        #expect(overridden.output.contains("Allowed by --allow-large-changes."))
        #expect(!overridden.output.contains("Refused"))
    }

    @Test("apply (text and --json) exits 3 over the limit and writes nothing; with --allow-large-changes it archives")
    func applyIsRefused() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setMaxArchive("2")
        try funnel.setStage("lost", ids: ["1", "2", "3"])
        let text = try await funnel.run(["apply", "--auto-approve"])
        #expect(text.status == 3, "\(text.output)\(text.errors)")
        #expect(text.errors.contains("error: this plan archives 3 cards"), "\(text.errors)")
        #expect(text.errors.contains("--allow-large-changes"))
        let json = try await funnel.run(["apply", "--auto-approve", "--json"])
        #expect(json.status == 3)
        #expect(!json.output.contains("step_done"), "\(json.output)")
        #expect(json.errors.contains("error: this plan archives 3 cards"))
        // Nothing was written: the same three archives are still planned.
        let after = try await funnel.run(["plan", "--json", "--allow-large-changes"])
        #expect(try PlanJSON(after.output).archives == 3)

        let overridden = try await funnel.run(["apply", "--auto-approve", "--allow-large-changes"])
        #expect(overridden.status == 0, "\(overridden.errors)")
        let settled = try await funnel.run(["plan", "--detailed-exitcode"])
        #expect(settled.status == 0, "\(settled.output)")
    }

    @Test("apply at the limit archives without an override")
    func applyAtTheLimit() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setMaxArchive("2")
        try funnel.setStage("lost", ids: ["1", "2"])
        let applied = try await funnel.run(["apply", "--auto-approve", "--json"])
        #expect(applied.status == 0, "\(applied.errors)")
        #expect(applied.output.components(separatedBy: "archive_card").count - 1 >= 2, "\(applied.output)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("a saved plan the gate refused: plan --out exits 3 but saves it; apply PLAN exits 3; with the override it applies")
    func savedPlanIsRefused() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setStage("lost", ids: ["1", "2"])
        let planFile = funnel.directory.appendingPathComponent("plan.json").path
        let planned = try await funnel.run(["plan", "--out", planFile])
        #expect(planned.status == 3)
        #expect(FileManager.default.fileExists(atPath: planFile))
        for arguments in [["apply", planFile], ["apply", planFile, "--json"]] {
            let refused = try await funnel.run(arguments)
            #expect(refused.status == 3, "\(arguments): \(refused.output)\(refused.errors)")
            #expect(refused.errors.contains("this plan archives 2 cards"), "\(refused.errors)")
        }
        #expect(try PlanJSON(try await funnel.run(["plan", "--json", "--allow-large-changes"]).output).archives == 2)
        let overridden = try await funnel.run(["apply", planFile, "--allow-large-changes"])
        #expect(overridden.status == 0, "\(overridden.errors)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("the starter funnel: marking one of its 6 carded leads lost archives it without an override")
    func starterArchivesOneLostLead() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setStage("lost", ids: ["3"])
        let plan = try await funnel.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan.output)\(plan.errors)")
        #expect(plan.output.contains("1 to archive"))
        let applied = try await funnel.run(["apply", "--auto-approve"])
        #expect(applied.status == 0, "\(applied.output)\(applied.errors)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }
}
