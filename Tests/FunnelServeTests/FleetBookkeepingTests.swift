import Foundation
import FunnelTestSupport
import Synchronization
import Testing
@testable import FunnelServe
import WixEmulator

/// The fleet's bookkeeping when the work queue fails: a renewal that cannot be written is a lost
/// lease, and a completion that cannot be written is retried until it is.
@Suite("fleet bookkeeping when the queue fails")
struct FleetBookkeepingTests {
    @Test("a failed lease renewal stops the cycle after its started steps: some steps are not started")
    func failedRenewalMeansLeaseLost() async throws {
        try await withEmulator(.init(latency: .milliseconds(300))) { sandbox in
            let harnesses = try FleetTests.harnesses(sandbox, sites: 1)
            let queue = FailingQueue(failRenewals: true)
            let reports = Mutex<[CycleReport]>([])
            // Lease 1.5 s: the first renewal (after 0.5 s) fails while the first apply (16 steps at
            // 300 ms a call) is still running.
            let fleet = FleetTests.fleet(harnesses, workers: 1, queue: queue, lease: .milliseconds(1500)) { _, cycle in
                reports.withLock { $0.append(cycle) }
            }
            let running = Task { try await fleet.run() }
            let reported = try await FleetTests.eventually(30) { !reports.withLock { $0.isEmpty } }
            fleet.requestStop()
            try await running.value
            #expect(reported)
            let cycle = try #require(reports.withLock { $0.first })
            guard case .finished(let outcome) = cycle.result else { Issue.record("the cycle failed: \(cycle.line)"); return }
            #expect(outcome.stepsSkipped > 0, "\(cycle.line)")
            #expect(queue.renewals.withLock { $0 } >= 1)
            #expect(try await harnesses[0].board().count < 5)
        }
    }

    @Test("a completion the queue refuses 7 times is retried until written (the funnel's success is recorded)")
    func completionIsRetriedUntilWritten() async throws {
        try await withEmulator { sandbox in
            let harnesses = try FleetTests.harnesses(sandbox, sites: 1)
            let queue = FailingQueue(completionFailures: 7)
            // A lease longer than the test: the success can only come from the first cycle's own
            // completion, not from a second claim after the lease ran out.
            let fleet = FleetTests.fleet(harnesses, workers: 1, queue: queue, lease: .seconds(120))
            let running = Task { try await fleet.run() }
            let recorded = try await FleetTests.eventually(30) { try await queue.status().first?.lastSuccess != nil }
            fleet.requestStop()
            try await running.value
            #expect(recorded)
            #expect(queue.completions.withLock { $0 } == 8)
            #expect(queue.claims.withLock { $0 } == 1)
        }
    }
}

/// A `MemoryWorkQueue` whose renewals always fail, or whose first completions fail.
final class FailingQueue: WorkQueue {
    struct Unreachable: Error, CustomStringConvertible { var description: String { "the queue is unreachable" } }

    let base = MemoryWorkQueue()
    let failRenewals: Bool
    let completionFailures: Int
    let renewals = Mutex(0)
    let completions = Mutex(0)
    let claims = Mutex(0)

    init(failRenewals: Bool = false, completionFailures: Int = 0) {
        self.failRenewals = failRenewals
        self.completionFailures = completionFailures
    }

    func register(_ funnels: [FleetFunnelID]) async throws { try await base.register(funnels) }
    func enqueue(_ namespace: String, keys: [String], delay: Duration) async throws {
        try await base.enqueue(namespace, keys: keys, delay: delay)
    }
    func requestFullCycle(_ namespace: String) async throws { try await base.requestFullCycle(namespace) }
    func claim(worker: String, lease: Duration, among namespaces: Set<String>) async throws -> WorkClaim? {
        let claim = try await base.claim(worker: worker, lease: lease, among: namespaces)
        if claim != nil { claims.withLock { $0 += 1 } }
        return claim
    }
    func renew(_ claim: WorkClaim, lease: Duration) async throws -> Bool {
        renewals.withLock { $0 += 1 }
        if failRenewals { throw Unreachable() }
        return try await base.renew(claim, lease: lease)
    }
    func complete(_ claim: WorkClaim, result: WorkResult, next: Duration) async throws {
        let attempt = completions.withLock { value -> Int in value += 1; return value }
        if attempt <= completionFailures { throw Unreachable() }
        try await base.complete(claim, result: result, next: next)
    }
    func status() async throws -> [FunnelStatus] { try await base.status() }
}
