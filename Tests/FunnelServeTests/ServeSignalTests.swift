import Foundation
import FunnelCore
import FunnelState
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

/// Issue #8: "SIGTERM during a cycle leaves the journal consistent", with the real `funnel serve`
/// process applying to a sandbox slowed down so the apply lasts seconds.
@Suite("funnel serve under SIGTERM")
struct ServeSignalTests {
    static let stages = ["new", "contacted", "qualified", "proposal", "negotiation"]
    static let phases = ["new": "New Lead", "contacted": "Contacted", "qualified": "Qualified", "proposal": "Proposal Sent",
                         "negotiation": "Negotiating"]
    static let leadCount = 30

    /// The harness's funnel as a `funnel.yaml` a user would write (the API key from the environment).
    static func writeConfig(_ harness: FunnelHarness) throws -> String {
        let path = harness.directory.appendingPathComponent("funnel.yaml").path
        let yaml = FleetConfigFiles.yaml(harness, state: harness.statePath)
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("SIGTERM mid-apply: serve finishes the steps in flight and exits 0 at once; the journal and state match Wix; the next apply converges without duplicates")
    func sigtermMidApply() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(100))) { sandbox in
            let harness = try FunnelHarness(sandbox: sandbox)
            let leads = (0..<Self.leadCount).map { ("L-\($0)", "First\($0)", "Last\($0)", "lead\($0)@example.com", Self.stages[$0 % 5]) }
            try harness.writeLeads(leads)
            let config = try Self.writeConfig(harness)
            let environment = ["WIX_API_KEY": sandbox.apiKey.revealed]
            let output = harness.directory.appendingPathComponent("serve.out")
            let serve = try FunnelExecutable.process(
                ["serve", "-c", config, "--port", "0", "--interval", "1h", "--parallelism", "2"], environment: environment,
                stdout: output, stderr: harness.directory.appendingPathComponent("serve.err"))
            try serve.run()

            // Mid-apply: contacts are written and the first cards are going in.
            let clock = ContinuousClock()
            let started = clock.now
            while try await sandbox.stats().count(.createCard) < 2, clock.now - started < .seconds(30), serve.isRunning {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(try await sandbox.stats().count(.createCard) >= 2)
            serve.terminate()  // SIGTERM
            let signalled = clock.now
            while serve.isRunning, clock.now - signalled < .seconds(10) { try await Task.sleep(for: .milliseconds(10)) }
            let exitTime = clock.now - signalled
            if serve.isRunning { kill(serve.processIdentifier, SIGKILL) }
            await serve.exit()
            let printed = try String(contentsOf: output, encoding: .utf8)
            #expect(serve.terminationReason == .exit)
            #expect(serve.terminationStatus == 0)
            #expect(exitTime < .seconds(5), "exited \(exitTime) after SIGTERM")
            #expect(printed.contains("not started (stopping)"), "\(printed)")
            #expect(printed.hasSuffix("stopped\n"), "\(printed)")

            // Cut short, and everything that reached Wix is recorded: no run left open, no lock left
            // held, every card and contact in the sandbox known to the state and nothing more.
            let cardsAtStop = await Self.cards(sandbox)
            #expect(cardsAtStop.count < Self.leadCount)
            let store = try SQLiteStateStore.open(path: harness.statePath)
            #expect(try store.interruptedRun() == nil)
            #expect(try store.currentLock() == nil)
            #expect(try store.checkIntegrity().isEmpty)
            let records = try store.snapshot().records
            #expect(Set(records.values.compactMap(\.cardId)) == Set(cardsAtStop.map(\.id)))
            let emails = leads.map(\.3)
            let contactsAtStop = try await harness.client.contacts(emails: emails)
            #expect(Set(records.values.compactMap(\.contactId)) == Set(contactsAtStop.map(\.id)))

            // The next apply finishes the rest: one card per lead, in its phase; one contact per email.
            let apply = try await FunnelExecutable.run(["apply", "-c", config, "--auto-approve"], environment: environment,
                                                       in: harness.directory)
            #expect(apply.status == 0, "\(apply.output)\(apply.errors)")
            let cards = await Self.cards(sandbox)
            #expect(cards.count == Self.leadCount)
            #expect(Set(cards.map(\.name)).count == Self.leadCount)
            #expect(try await harness.board() == Dictionary(uniqueKeysWithValues: leads.map { ("\($0.1) \($0.2)", Self.phases[$0.4]!) }))
            let contacts = try await harness.client.contacts(emails: emails)
            #expect(contacts.count == Self.leadCount)
            let plan = try await FunnelExecutable.run(["plan", "-c", config, "--detailed-exitcode"], environment: environment,
                                                      in: harness.directory)
            #expect(plan.status == 0, "\(plan.output)\(plan.errors)")
        }
    }

    /// Every card on the sandbox's site, archived ones included, read inside the sandbox (no API call).
    static func cards(_ sandbox: EmulatorHandle) async -> [EmulatorBoard.Card] {
        await sandbox.server.boards(site: sandbox.siteId).flatMap(\.workflows)
            .flatMap { workflow in workflow.phases.flatMap(\.cards) + workflow.archived }
    }
}
