import Foundation
import FunnelKit
import FunnelState
import FunnelTestSupport
import Logging
import PostgresNIO
import Testing
@testable import FunnelServe

/// The `WorkQueue` contract on a real PostgreSQL (the private server of `PostgresFixture`).
@Suite("work queue on PostgreSQL", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct PostgresWorkQueueTests {
    static let a = FleetFunnelID(namespace: "site-a/Lead Funnel", name: "a")
    static let b = FleetFunnelID(namespace: "site-b/Lead Funnel", name: "b")

    static func withQueue(_ body: (PostgresWorkQueue) async throws -> Void) async throws {
        try await PostgresFixture.withDatabase { url in
            let client = PostgresClients.make(url, maximumConnections: 12)
            let running = Task { await client.run() }
            do {
                try await body(PostgresWorkQueue(client: client, logger: Logger(label: "test")))
                running.cancel()
            } catch {
                running.cancel()
                throw error
            }
        }
    }

    @Test("a claim excludes other workers until its lease runs out; a renewal after that fails")
    func leases() async throws {
        try await Self.withQueue { queue in
            try await queue.register([Self.a])
            let all = Set([Self.a.namespace])
            let first = try #require(try await queue.claim(worker: "w1", lease: .milliseconds(800), among: all))
            #expect(first.scope == .all)
            #expect(try await queue.claim(worker: "w2", lease: .seconds(30), among: all) == nil)
            #expect(try await queue.renew(first, lease: .milliseconds(800)))
            #expect(try await queue.status().first?.worker == "w1")
            try await Task.sleep(for: .milliseconds(1_000))
            let second = try #require(try await queue.claim(worker: "w2", lease: .seconds(30), among: all))
            #expect(second.worker == "w2")
            #expect(try await queue.renew(first, lease: .seconds(30)) == false)
            try await queue.complete(first, result: .succeeded(summary: "late", pending: 0), next: .seconds(300))
            #expect(try await queue.status().first?.worker == "w2")  // a lost claim's completion does not release another's lease
        }
    }

    @Test("webhook keys survive a failed and an abandoned cycle and leave once handled")
    func keys() async throws {
        try await Self.withQueue { queue in
            try await queue.register([Self.a, Self.b])
            let all = Set([Self.a.namespace, Self.b.namespace])
            for worker in ["w1", "w2"] {
                let claim = try #require(try await queue.claim(worker: worker, lease: .seconds(30), among: all))
                try await queue.complete(claim, result: .succeeded(summary: "No changes.", pending: 0), next: .seconds(300))
            }
            try await queue.enqueue(Self.a.namespace, keys: ["L-1", "L-2"], delay: .zero)
            try await queue.enqueue(Self.a.namespace, keys: ["L-2"], delay: .zero)
            let failing = try #require(try await queue.claim(worker: "w1", lease: .seconds(30), among: all))
            guard case .records(let keys) = failing.scope else { Issue.record("expected records"); return }
            #expect(Set(keys) == ["L-1", "L-2"])
            try await queue.complete(failing, result: .failed(message: "Wix said 503"), next: .zero)
            let status = try #require(try await queue.status().first { $0.name == "a" })
            #expect(status.lastError == "Wix said 503")
            #expect(status.pending == 2)
            #expect(status.failures == 1)
            let abandoned = try #require(try await queue.claim(worker: "w1", lease: .milliseconds(300), among: all))
            #expect(Set(abandoned.keys) == ["L-1", "L-2"])
            try await Task.sleep(for: .milliseconds(400))  // w1 died
            try await queue.enqueue(Self.a.namespace, keys: ["L-3"], delay: .zero)
            let retry = try #require(try await queue.claim(worker: "w2", lease: .seconds(30), among: all))
            #expect(Set(retry.keys) == ["L-1", "L-2", "L-3"])
            try await queue.enqueue(Self.a.namespace, keys: ["L-4"], delay: .seconds(60))
            try await queue.complete(retry, result: .succeeded(summary: "Plan: 3 to move.", pending: 0), next: .seconds(300))
            let after = try #require(try await queue.status().first { $0.name == "a" })
            #expect(after.pending == 1)
            #expect(after.lastError == nil)
            #expect(after.lastSummary == "Plan: 3 to move.")
            #expect(after.lastSuccess != nil)
            await #expect(throws: WorkQueueError.unknownFunnel("nope")) {
                try await queue.enqueue("nope", keys: ["x"], delay: .zero)
            }
        }
    }

    @Test("eight workers racing over 30 due funnels claim each exactly once")
    func racingClaims() async throws {
        try await Self.withQueue { queue in
            let funnels = (1...30).map { FleetFunnelID(namespace: "site-\($0)/Lead Funnel", name: "f\($0)") }
            try await queue.register(funnels)
            let all = Set(funnels.map(\.namespace))
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 1...8 {
                    group.addTask {
                        var mine: [String] = []
                        while let claim = try await queue.claim(worker: "w\(worker)", lease: .seconds(60), among: all) {
                            mine.append(claim.funnel.namespace)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(claimed.count == 30)
            #expect(Set(claimed) == all)
        }
    }
}
