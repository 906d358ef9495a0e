import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Logging
import Testing
import WixAPI
@testable import FunnelServe
import WixEmulator

/// `serve --funnels DIR` in one process: several sandbox sites, several workers, one queue.
@Suite("fleet: many funnels, many workers")
struct FleetTests {
    static func harnesses(_ sandbox: EmulatorHandle, sites: Int) throws -> [FunnelHarness] {
        try (1...sites).map { index in
            let harness = try FunnelHarness(sandbox: sandbox.site("fleet-site-\(index)"))
            try harness.writeLeads(FunnelHarness.leads)
            return harness
        }
    }

    static func fleet(_ harnesses: [FunnelHarness], workers: Int, queue: any WorkQueue = MemoryWorkQueue(),
                      metrics: FleetMetrics = FleetMetrics(), lease: Duration = .seconds(5),
                      report: @escaping @Sendable (FleetMember, CycleReport) -> Void = { _, _ in }) -> Fleet {
        let members = harnesses.enumerated().map { index, harness in
            let dependencies = harness.dependencies()
            let configuration = harness.configuration
            return FleetMember(id: FleetFunnelID(namespace: "\(harness.sandbox.siteId)/Lead Funnel", name: "f\(index + 1)"),
                               metrics: metrics.funnel("f\(index + 1)")) { stop, worker in
                dependencies.client.writer = worker
                return FunnelReconciler(configuration: configuration, dependencies: dependencies, lockTimeout: .seconds(5),
                                        parallelism: 4, stop: stop)
            }
        }
        return Fleet(members: members, queue: queue, options: FleetOptions(
            workers: workers, lease: lease, poll: .milliseconds(20), schedule: CycleSchedule(interval: .seconds(120)),
            debounce: .milliseconds(50), workerPrefix: "test"), report: report)
    }

    /// Polls until `condition` holds (at most `seconds`).
    static func eventually(_ seconds: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    @Test("four funnels on four sites converge with two workers; no site ever sees two writers at once")
    func convergesWithoutOverlap() async throws {
        try await withEmulator(.init(latency: .milliseconds(5))) { sandbox in
            let harnesses = try Self.harnesses(sandbox, sites: 4)
            let fleet = Self.fleet(harnesses, workers: 2)
            let running = Task { try await fleet.run() }
            let converged = try await Self.eventually {
                let rows = try await fleet.queue.status()
                return rows.count == 4 && rows.allSatisfy { $0.lastSuccess != nil }
            }
            fleet.requestStop()
            try await running.value
            #expect(converged)
            for harness in harnesses {
                let board = try await harness.board()
                #expect(board.count == 5)
                #expect(board["Omar Haddad"] == "Contacted")
                #expect(board["Lea Silva"] == "Win")
            }
            let stats = try await sandbox.stats()
            for index in 1...4 {
                let writers = try #require(stats.writers["fleet-site-\(index)"])
                #expect(writers.overlaps == 0)
                #expect(writers.maxConcurrentWriters == 1)
                #expect(writers.writers.allSatisfy { $0.hasPrefix("test/w") })
            }
            #expect(Set(stats.writers.values.flatMap(\.writers)).count == 2)  // both workers wrote
        }
    }

    @Test("a webhook for one funnel reconciles just that funnel's records; an unknown funnel is 404")
    func webhookQueuesItsFunnel() async throws {
        try await withEmulator { sandbox in
            let harnesses = try Self.harnesses(sandbox, sites: 2)
            let metrics = FleetMetrics()
            let fleet = Self.fleet(harnesses, workers: 2, metrics: metrics)
            let server = try await FleetServer.start(
                host: "127.0.0.1", port: 0, stopOnSignals: false, fleet: fleet, metrics: metrics,
                webhooks: WebhookSettings(generic: BodySignatureVerifier(secret: Secret("s3cret"))), logger: Logger(label: "test"))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            #expect(try await Self.eventually { try await fleet.queue.status().allSatisfy { $0.lastSuccess != nil } })
            var leads = FunnelHarness.leads
            leads[1].4 = "qualified"
            try harnesses[1].writeLeads(leads)
            let body = #"{"keys":["L-2"]}"#
            let signature = BodySignatureVerifier.header(secret: Secret("s3cret"), body: Array(body.utf8))
            let missing = try await ServeServerTests.post(client, server.baseURL + "/funnels/nope/hooks/generic", body: body,
                                                          headers: [("X-Funnel-Signature", signature)])
            #expect(missing.0 == 404)
            let accepted = try await ServeServerTests.post(client, server.baseURL + "/funnels/f2/hooks/generic", body: body,
                                                           headers: [("X-Funnel-Signature", signature)])
            #expect(accepted.0 == 202)
            #expect(try await Self.eventually { try await harnesses[1].board()["Omar Haddad"] == "Qualified" })
            #expect(try await harnesses[0].board()["Omar Haddad"] == "Contacted")
            let status = try await ServeServerTests.get(client, server.baseURL + "/status")
            #expect(status.0 == 200)
            #expect(status.1.contains(#""name":"f2""#))
            let exposition = try await ServeServerTests.get(client, server.baseURL + "/metrics").1
            #expect(exposition.contains(#"funnel="f1""#))
            #expect(exposition.contains(#"funnel="f2""#))
            try await client.shutdown()
            await server.stop()
        }
    }

    @Test("the sandbox's overlapping-writer count does catch two writers on one site at once")
    func overlapIsDetected() async throws {
        try await withEmulator(.init(latency: .milliseconds(40))) { sandbox in
            let harness = try FunnelHarness(sandbox: sandbox.site("shared-site"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in ["process-a/w1", "process-b/w1"] {
                    let client = harness.client
                    client.writer = writer
                    group.addTask {
                        for index in 0..<4 {
                            _ = try await client.createContact(ContactInfo(first: writer, last: "\(index)", email: "\(index)@\(writer.prefix(9)).example.com"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let writers = try #require(try await sandbox.stats().writers["shared-site"])
            #expect(writers.maxConcurrentWriters == 2)
            #expect(writers.overlaps > 0)
            #expect(writers.writers == ["process-a/w1", "process-b/w1"])
        }
    }

    /// A reconciler whose cycle never ends and ignores cancellation (a backend that never answers).
    struct StuckReconciler: Reconciling {
        func reconcile(_ scope: ConvergeScope) async throws -> CycleOutcome {
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }  // never resumed
            return CycleOutcome(kind: .unchanged)
        }
        func requestStop() {}
    }

    @Test("a stuck cycle is given up after the cycle timeout; a stop does not wait past its grace")
    func stuckCycles() async throws {
        let queue = MemoryWorkQueue()
        let member = FleetMember(id: FleetFunnelID(namespace: "stuck/Lead Funnel", name: "stuck"), metrics: FleetMetrics().funnel("stuck")) { _, _ in
            StuckReconciler()
        }
        let fleet = Fleet(members: [member], queue: queue, options: FleetOptions(
            workers: 1, lease: .seconds(30), poll: .milliseconds(20), schedule: CycleSchedule(interval: .seconds(120)),
            retryBase: .seconds(60), stopGrace: .milliseconds(300), cycleTimeout: .milliseconds(300), workerPrefix: "test"))
        let running = Task { try await fleet.run() }
        #expect(try await Self.eventually(10) { try await queue.status().first?.lastError?.contains("gave up") == true })
        #expect(try await queue.status().first?.worker == nil)  // the lease was released
        try await queue.requestFullCycle("stuck/Lead Funnel")  // stuck again, then a stop
        #expect(try await Self.eventually(5) { try await queue.status().first?.worker != nil })
        let stopping = ContinuousClock.now
        fleet.requestStop()
        try await running.value
        #expect(ContinuousClock.now - stopping < .seconds(5))
    }
}
