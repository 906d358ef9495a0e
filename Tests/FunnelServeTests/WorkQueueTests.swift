import Foundation
import FunnelKit
import Synchronization
import Testing
@testable import FunnelServe

/// The `WorkQueue` contract on the in-process queue (the PostgreSQL queue runs the same checks in
/// PostgresWorkQueueTests).
@Suite("work queue: claims, leases, keys")
struct WorkQueueTests {
    final class TestClock: Sendable {
        private let value = Mutex(Date(timeIntervalSince1970: 1_000_000))
        var now: Date { value.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static let a = FleetFunnelID(namespace: "site-a/Lead Funnel", name: "a")
    static let b = FleetFunnelID(namespace: "site-b/Lead Funnel", name: "b")

    @Test("a due funnel is claimed by one worker only until its lease runs out")
    func leaseExcludesOthers() async throws {
        let clock = TestClock()
        let queue = MemoryWorkQueue(now: { clock.now })
        await queue.register([Self.a])
        let all = Set([Self.a.namespace])
        let first = try #require(await queue.claim(worker: "w1", lease: .seconds(30), among: all))
        #expect(first.scope == .all)
        #expect(await queue.claim(worker: "w2", lease: .seconds(30), among: all) == nil)
        clock.advance(20)
        #expect(await queue.renew(first, lease: .seconds(30)))
        clock.advance(20)
        #expect(await queue.claim(worker: "w2", lease: .seconds(30), among: all) == nil)
        clock.advance(31)  // w1 died: no renewal
        let second = try #require(await queue.claim(worker: "w2", lease: .seconds(30), among: all))
        #expect(second.worker == "w2")
        #expect(await queue.renew(first, lease: .seconds(30)) == false)
        #expect(await queue.status().first?.worker == "w2")
    }

    @Test("webhook keys wait for the debounce, survive a failed or abandoned cycle, and leave once done")
    func keysAreNeverLost() async throws {
        let clock = TestClock()
        let queue = MemoryWorkQueue(now: { clock.now })
        await queue.register([Self.a, Self.b])
        let all = Set([Self.a.namespace, Self.b.namespace])
        for worker in ["w1", "w2"] {  // the initial whole-funnel cycles
            let claim = try #require(await queue.claim(worker: worker, lease: .seconds(30), among: all))
            await queue.complete(claim, result: .succeeded(summary: "No changes.", pending: 0), next: .seconds(300))
        }
        try await queue.enqueue(Self.a.namespace, keys: ["L-1", "L-2"], delay: .seconds(1))
        #expect(await queue.claim(worker: "w1", lease: .seconds(30), among: all) == nil)
        clock.advance(1)
        let failing = try #require(await queue.claim(worker: "w1", lease: .seconds(30), among: all))
        #expect(failing.scope == .records(["L-1", "L-2"]))
        await queue.complete(failing, result: .failed(message: "Wix said 503"), next: .seconds(5))
        #expect(await queue.status().first { $0.name == "a" }?.lastError == "Wix said 503")
        #expect(await queue.status().first { $0.name == "a" }?.pending == 2)
        clock.advance(5)
        let abandoned = try #require(await queue.claim(worker: "w1", lease: .seconds(30), among: all))
        #expect(abandoned.keys == ["L-1", "L-2"])
        clock.advance(31)  // w1 died mid-cycle; a key arrives meanwhile
        try await queue.enqueue(Self.a.namespace, keys: ["L-3"], delay: .zero)
        let retry = try #require(await queue.claim(worker: "w2", lease: .seconds(30), among: all))
        #expect(retry.scope == .records(["L-1", "L-2", "L-3"]))
        try await queue.enqueue(Self.a.namespace, keys: ["L-4"], delay: .zero)
        await queue.complete(retry, result: .succeeded(summary: "Plan: 3 to move.", pending: 0), next: .seconds(300))
        let status = try #require(await queue.status().first { $0.name == "a" })
        #expect(status.pending == 1)  // L-4 arrived during the cycle
        #expect(status.lastError == nil)
        #expect(status.failures == 0)
        #expect(status.worker == nil)
    }

    @Test("a funnel outside the worker's set is never claimed; an unknown funnel is an error")
    func scoping() async throws {
        let queue = MemoryWorkQueue()
        await queue.register([Self.a])
        #expect(await queue.claim(worker: "w1", lease: .seconds(30), among: [Self.b.namespace]) == nil)
        await #expect(throws: WorkQueueError.unknownFunnel("nope")) {
            try await queue.enqueue("nope", keys: ["x"], delay: .zero)
        }
    }

    @Test("a failed funnel is retried after seconds, doubling, capped by the schedule's maximum backoff")
    func retryDelays() {
        let options = FleetOptions(schedule: CycleSchedule(interval: .seconds(300), jitter: 0, maximumBackoff: .seconds(600)),
                                   retryBase: .seconds(5), workerPrefix: "test")
        #expect(options.retryDelay(failures: 1, unit: 0.5) == .seconds(5))
        #expect(options.retryDelay(failures: 3, unit: 0.5) == .seconds(20))
        #expect(options.retryDelay(failures: 30, unit: 0.5) == .seconds(600))
    }
}
