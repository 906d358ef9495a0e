import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Logging
import Testing
import FunnelState
import ServiceLifecycle
@testable import FunnelServe
import WixEmulator

@Suite("funnel serve and watch against the sandbox")
struct ServeEndToEndTests {
    @Test("a signed webhook moves exactly one card with a handful of calls; a bad signature changes nothing")
    func webhookMovesOneCard() async throws {
        try await withEmulator { sandbox in
            let harness = try ServeHarness(sandbox: sandbox)
            try harness.writeLeads(ServeHarness.leads)
            let reconciler = FunnelReconciler(configuration: harness.configuration, dependencies: harness.dependencies(),
                                              lockTimeout: .seconds(5))
            let metrics = ServeMetrics()
            let runner = ReconcileRunner(reconciler: reconciler, metrics: metrics)
            let first = await runner.run(.all)
            #expect(first.succeeded)
            var leads = ServeHarness.leads
            leads[1].4 = "qualified"
            try harness.writeLeads(leads)
            await sandbox.resetStats()
            let server = try await ServeServer.start(
                .init(port: 0, coalescing: .init(quiet: .seconds(1), maximumWait: .seconds(20))),
                webhooks: WebhookSettings(generic: BodySignatureVerifier(secret: Secret("s3cret"))),
                runner: runner, metrics: metrics, logger: Logger(label: "test"))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let body = #"{"keys":["L-2"]}"#
            let bad = try await ServeServerTests.post(client, server.baseURL + "/hooks/generic", body: body,
                                                      headers: [("X-Funnel-Signature", BodySignatureVerifier.header(secret: Secret("wrong"), body: Array(body.utf8)))])
            #expect(bad.0 == 401)
            try await Task.sleep(for: .milliseconds(150))
            #expect(try await sandbox.stats().totalRequests == 0)
            for _ in 0..<50 {
                let good = try await ServeServerTests.post(client, server.baseURL + "/hooks/generic", body: body, headers: [
                    ("X-Funnel-Signature", BodySignatureVerifier.header(secret: Secret("s3cret"), body: Array(body.utf8)))])
                #expect(good.0 == 202)
            }
            await server.coalescer.drain()
            await runner.waitForIdle()
            try await client.shutdown()
            await server.stop()
            let health = await runner.health
            #expect(health.cycles == 2)
            guard case .finished(let outcome)? = health.lastCycle?.result else { Issue.record("no webhook cycle"); return }
            #expect(outcome.stepsApplied == ["move_card": 1])
            #expect(outcome.apiCalls <= 8)
            #expect(try await harness.board()["Omar Haddad"] == "Qualified")
        }
    }
}

@Suite("funnel watch against the sandbox")
struct WatchEndToEndTests {
    @Test("a CSV edit is picked up within one interval; a graceful stop leaves no journal run open")
    func watchPicksUpEdit() async throws {
        try await withEmulator { sandbox in
            let harness = try ServeHarness(sandbox: sandbox)
            try harness.writeLeads(ServeHarness.leads)
            let reconciler = FunnelReconciler(configuration: harness.configuration, dependencies: harness.dependencies(),
                                              lockTimeout: .seconds(5))
            let runner = ReconcileRunner(reconciler: reconciler, metrics: ServeMetrics())
            let group = ServiceGroup(configuration: .init(
                services: [WatchService(runner: runner, schedule: CycleSchedule(interval: .milliseconds(300)))],
                logger: Logger(label: "test")))
            let running = Task { try await group.run() }
            func omar() async throws -> String? { try await harness.board()["Omar Haddad"] }
            for _ in 0..<100 where try await omar() != "Contacted" { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try await omar() == "Contacted")
            var leads = ServeHarness.leads
            leads[1].4 = "qualified"
            try harness.writeLeads(leads)
            let clock = ContinuousClock()
            let edited = clock.now
            while try await omar() != "Qualified", clock.now - edited < .seconds(3) { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await omar() == "Qualified")
            #expect(clock.now - edited < .milliseconds(1500))
            await group.triggerGracefulShutdown()
            try await running.value
            let store = try SQLiteStateStore.open(path: harness.statePath)
            #expect(try store.interruptedRun() == nil)
        }
    }
}
