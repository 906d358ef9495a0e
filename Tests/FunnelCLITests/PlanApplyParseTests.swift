import ArgumentParser
import Foundation
import FunnelCore
import FunnelState
import FunnelTestSupport
import Testing
@testable import FunnelCLI

@Suite("plan and apply command lines")
struct PlanApplyParseTests {
    @Test("plan flags")
    func plan() throws {
        let command = try PlanCommand.parse(["-c", "x.yaml", "--out", "plan.json", "--format", "markdown",
                                             "--detailed-exitcode", "--show-personal-data", "--allow-large-changes"])
        #expect(command.config.config == "x.yaml")
        #expect(command.out == "plan.json")
        #expect(command.output.format == .markdown)
        #expect(command.detailedExitcode && command.output.showPersonalData && command.allowLargeChanges)
        #expect(throws: (any Error).self) { try PlanCommand.parse(["--format", "html"]) }
    }

    @Test("apply flags, plan file and validation")
    func apply() throws {
        let command = try ApplyCommand.parse(["plan.json", "--auto-approve", "--parallelism", "8", "--lock-timeout", "30s",
                                              "--max-age", "2h", "--json"])
        #expect(command.planFile == "plan.json")
        #expect(command.autoApprove && command.json)
        #expect(command.parallelism == 8)
        #expect(DurationText.parse(command.lockTimeout) == .seconds(30))
        #expect(DurationText.parse(command.maxAge) == .seconds(7200))
        #expect(throws: (any Error).self) { try ApplyCommand.parse(["--parallelism", "0"]) }
        #expect(throws: (any Error).self) { try ApplyCommand.parse(["--lock-timeout", "soon"]) }
    }

    @Test("durations", arguments: [("500ms", Duration.milliseconds(500)), ("5m", .seconds(300)), ("24h", .seconds(86_400)),
                                   ("12", .seconds(12))])
    func durations(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }
}

@Suite("state migrate command line", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct StateMigrateCommandTests {
    @Test("funnel state migrate --to URL --state PATH --namespace NS copies into PostgreSQL")
    func migrate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-migrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.db").path
        let local = try SQLiteStateStore.open(path: path)
        try local.save([.setWorkflow(id: "wf-1", winPhaseId: nil), .upsertRecord(RecordState(key: "L-1", cardId: "k-1"))])
        try await PostgresFixture.withDatabase { url in
            var command = try StateMigrateCommand.parse(["--to", url.revealed, "--state", path, "--namespace", "site/Lead Funnel"])
            try await command.run()
            let copied = try await StateStores.withStore(location: .postgres(url), namespace: "site/Lead Funnel",
                                                         createIfMissing: false) { try await $0.snapshot() }
            #expect(try copied == local.snapshot())
            command = try StateMigrateCommand.parse(["--to", "mysql://x/y", "--state", path, "--namespace", "n"])
            await #expect(throws: ExitCode.failure) { try await command.run() }
        }
    }
}
