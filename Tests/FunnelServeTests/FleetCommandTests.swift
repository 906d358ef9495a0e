import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// The real `funnel serve --funnels DIR` and `funnel status` processes, each funnel on its own
/// SQLite state (so the work queue lives in the one serve process).
@Suite("funnel serve --funnels and funnel status (CLI)")
struct FleetCommandTests {
    @Test("three funnels in a folder converge under one process; status --server lists each with its last success")
    func serveFolderAndStatus() async throws {
        try await withEmulator { sandbox in
            let harnesses = try (1...3).map { site in
                let harness = try FunnelHarness(sandbox: sandbox.site("cli-site-\(site)"))
                try harness.writeLeads(FunnelHarness.leads)
                return harness
            }
            let root = harnesses[0].directory.appendingPathComponent("fleet")
            let folder = root.appendingPathComponent("funnels")
            try FleetConfigFiles.write(harnesses, sharedState: false, into: folder)
            let environment = ["WIX_API_KEY": sandbox.apiKey.revealed]
            let output = root.appendingPathComponent("serve.out")
            let serve = try FunnelExecutable.process(
                ["serve", "--funnels", folder.path, "--workers", "2", "--port", "0", "--interval", "1h"],
                environment: environment, stdout: output, stderr: root.appendingPathComponent("serve.err"))
            try serve.run()
            defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
            let clock = ContinuousClock()
            let start = clock.now
            var converged = false
            while clock.now - start < .seconds(30), serve.isRunning {
                let boards = await sandbox.server.boards()
                let cards = boards.flatMap(\.workflows).flatMap(\.phases).map(\.cards.count).reduce(0, +)
                if cards == 15, (try? String(contentsOf: output, encoding: .utf8))?.components(separatedBy: "changes applied").count == 4 {
                    converged = true
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let log = try String(contentsOf: output, encoding: .utf8)
            #expect(converged, "\(log)")
            let address = try #require(log.firstMatch(of: /listening on (http:\/\/[0-9.:]+)/)?.1)
            #expect(log.contains("3 funnels, 2 workers"))
            #expect(log.contains("site01: cycle"))

            let status = try await FunnelExecutable.run(["status", "--funnels", folder.path, "--server", String(address)],
                                                        environment: environment, in: root)
            #expect(status.status == 0, "\(status.errors)")
            let lines = status.output.split(separator: "\n")
            #expect(lines.first?.hasPrefix("FUNNEL") == true)
            for name in ["site01", "site02", "site03"] {
                let line = try #require(lines.first { $0.hasPrefix(name) })
                #expect(!line.contains("never"))
            }
            #expect(status.output.contains("3 funnels: 0 failing"))
            let withoutServer = try await FunnelExecutable.run(["status", "--funnels", folder.path], environment: environment, in: root)
            #expect(withoutServer.status != 0)
            #expect(withoutServer.errors.contains("--server"))

            serve.terminate()
            #expect(await serve.exit(within: .seconds(20)), "serve --funnels did not stop within 20 s of SIGTERM")
            #expect(serve.terminationStatus == 0)
            let finalLog = try String(contentsOf: output, encoding: .utf8)
            #expect(finalLog.contains("stopped"))
            #expect(!finalLog.contains(sandbox.apiKey.revealed))
        }
    }

    @Test("a folder mixing PostgreSQL and SQLite state is refused before anything runs, naming both")
    func mixedStateIsRefused() async throws {
        try await withEmulator { sandbox in
            let harnesses = try (1...2).map { try FunnelHarness(sandbox: sandbox.site("mixed-\($0)")) }
            let folder = harnesses[0].directory.appendingPathComponent("mixed")
            try FleetConfigFiles.write([harnesses[0]], sharedState: false, into: folder)
            try FleetConfigFiles.yaml(harnesses[1], state: "postgres://funnel@127.0.0.1:1/funnel")
                .write(to: folder.appendingPathComponent("site02.yaml"), atomically: true, encoding: .utf8)
            let result = try await FunnelExecutable.run(["serve", "--funnels", folder.path, "--port", "0"],
                                                        environment: ["WIX_API_KEY": sandbox.apiKey.revealed], in: folder)
            #expect(result.status == 1)
            #expect(result.errors.contains("share one work queue"), "\(result.errors)")
            #expect(result.errors.contains("found 1 database(s) and 1 SQLite file(s)"), "\(result.errors)")
            #expect(try await sandbox.stats().totalRequests == 0)
        }
    }
}
