import Foundation
import FunnelCore
import FunnelTestSupport
import Testing

/// `policy.max_archive` in the fleet: the real `funnel serve --funnels DIR` refuses one funnel's
/// cycle over the limit (nothing written there) while it applies another's at the limit.
@Suite("the archive gate in serve --funnels (CLI)")
struct FleetArchiveGateTests {
    @Test("20% of 5 cards allows 1: a funnel archiving 2 is refused, one archiving 1 is applied")
    func fleetRefusesOverTheLimit() async throws {
        try await withEmulator { sandbox in
            let harnesses = try (1...2).map { site in
                let harness = try FunnelHarness(sandbox: sandbox.site("gate-site-\(site)"))
                try harness.writeLeads(FunnelHarness.leads)
                return harness
            }
            let root = harnesses[0].directory.appendingPathComponent("fleet")
            let folder = root.appendingPathComponent("funnels")
            try FleetConfigFiles.write(harnesses, sharedState: false, maxArchive: "20%", into: folder)
            let environment = ["WIX_API_KEY": sandbox.apiKey.revealed]
            for site in ["site01", "site02"] {
                let applied = try await FunnelExecutable.run(
                    ["apply", "--auto-approve", "-c", folder.appendingPathComponent("\(site).yaml").path],
                    environment: environment, in: root)
                try #require(applied.status == 0, "\(applied.errors)")
            }
            var leads = FunnelHarness.leads
            leads[0].4 = "lost"
            try harnesses[1].writeLeads(leads)
            leads[1].4 = "lost"
            try harnesses[0].writeLeads(leads)

            let output = root.appendingPathComponent("serve.out")
            let serve = try FunnelExecutable.process(
                ["serve", "--funnels", folder.path, "--workers", "2", "--port", "0", "--interval", "1h"],
                environment: environment, stdout: output, stderr: root.appendingPathComponent("serve.err"))
            try serve.run()
            defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
            _ = await serve.output(output, containing: "site01: cycle ", within: .seconds(30))
            // Cycle numbers count the whole fleet's cycles, so site02's first may be number 2.
            let log = await serve.output(output, containing: "site02: cycle ", within: .seconds(30))
            serve.terminate()
            #expect(await serve.exit(within: .seconds(20)))
            let lines = log.split(separator: "\n")
            let site01 = lines.first { $0.hasPrefix("site01: cycle ") } ?? ""
            #expect(site01.contains(" (interval): refused by policy, nothing written: this plan archives 2 cards (40% of the 5 owned cards)"),
                    "\(log)")
            let site02 = lines.first { $0.hasPrefix("site02: cycle ") } ?? ""
            #expect(site02.contains(" (interval): 1 change applied"), "\(log)")
            let refusedBoard = try await harnesses[0].board()
            #expect(refusedBoard["Ines Brunet"] == "New Lead" && refusedBoard["Omar Haddad"] == "Contacted", "\(refusedBoard)")
            #expect(try await harnesses[1].board()["Ines Brunet"] == "archived")
        }
    }
}
