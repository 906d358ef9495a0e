import Foundation
import FunnelTestSupport
import Testing

/// `policy.max_archive` in the long-running commands: a real `funnel watch` and `funnel serve`
/// process report a cycle over the limit as refused and write nothing; at the limit they apply.
@Suite("the archive gate in watch and serve cycles")
struct ArchiveGateSyncCLITests {
    static let unattendedOverride =
        "if this is intended, apply it once with `funnel apply --allow-large-changes`, or raise policy.max_archive."

    /// Starts `funnel arguments -c funnel.yaml`, waits for its first cycle line, stops it with
    /// SIGTERM and returns what it printed.
    static func firstCycle(_ funnel: StarterFunnel, _ arguments: [String]) async throws -> String {
        let name = UUID().uuidString
        let output = funnel.directory.appendingPathComponent("\(name).out")
        let process = try FunnelExecutable.process(arguments + ["-c", funnel.configPath], stdout: output,
                                                   stderr: funnel.directory.appendingPathComponent("\(name).err"))
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let printed = await process.output(output, containing: "cycle 1 ", within: .seconds(30))
        process.terminate()
        #expect(await process.exit(within: .seconds(20)), "\(arguments[0]) did not stop on SIGTERM")
        let errors = (try? String(contentsOf: funnel.directory.appendingPathComponent("\(name).err"), encoding: .utf8)) ?? ""
        try #require(printed.contains("cycle 1 "), "\(arguments[0]) printed no cycle: \(printed)\(errors)")
        return printed
    }

    @Test("watch: a cycle over 10% of 6 cards (2 archives) is refused and writes nothing; 1 archive is applied")
    func watchRefusesOverTheLimit() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setStage("lost", ids: ["1", "2"])
        let refused = try await Self.firstCycle(funnel, ["watch", "--interval", "1h"])
        #expect(refused.contains("cycle 1 (interval): refused by policy, nothing written: this plan archives 2 cards (33% of the 6 owned cards)"),
                "\(refused)")
        // watch has no --allow-large-changes: the refusal names what the user can do instead.
        #expect(refused.contains(Self.unattendedOverride), "\(refused)")
        #expect(!refused.contains("re-run with"), "\(refused)")
        #expect(try PlanJSON(try await funnel.run(["plan", "--json", "--allow-large-changes"]).output).archives == 2)

        try funnel.setStage("contacted", ids: ["2"])
        let applied = try await Self.firstCycle(funnel, ["watch", "--interval", "1h"])
        #expect(applied.contains("cycle 1 (interval): 1 change applied"), "\(applied)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("serve: a cycle over max_archive 2 (3 archives) is refused and writes nothing; 2 archives are applied")
    func serveRefusesOverTheLimit() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        try funnel.setMaxArchive("2")
        try funnel.setStage("lost", ids: ["1", "2", "3"])
        let serve = ["serve", "--port", "0", "--interval", "1h"]
        let refused = try await Self.firstCycle(funnel, serve)
        #expect(refused.contains("cycle 1 (interval): refused by policy, nothing written: this plan archives 3 cards"), "\(refused)")
        #expect(refused.contains("allows: 2 cards. Nothing will be applied; " + Self.unattendedOverride), "\(refused)")
        #expect(!refused.contains("re-run with"), "\(refused)")
        #expect(try PlanJSON(try await funnel.run(["plan", "--json", "--allow-large-changes"]).output).archives == 3)

        try funnel.setStage("qualified", ids: ["3"])
        let applied = try await Self.firstCycle(funnel, serve)
        #expect(applied.contains("cycle 1 (interval): 2 changes applied"), "\(applied)")
        #expect(try await funnel.run(["plan", "--detailed-exitcode"]).status == 0)
    }
}
