import Foundation
import FunnelCore
import FunnelKit
import FunnelState
import FunnelTestSupport
import Synchronization
import Testing
@testable import FunnelServe

/// Issue #15: a cycle the fleet gives up on (stuck past `--cycle-timeout`) must not keep its
/// funnel's advisory lock until the process exits: giving up closes the lock's connection.
@Suite("fleet: a given-up cycle's state lock", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct FleetGiveUpTests {
    static let namespace = "stuck/Lead Funnel"

    /// Takes the funnel's state lock on PostgreSQL, then waits forever on an await that ignores
    /// cancellation (what the hung cycle looked like from outside).
    struct LockedStuckReconciler: Reconciling {
        let url: PostgresStateURL
        let pools: PostgresPools

        func reconcile(_ scope: ConvergeScope) async throws -> CycleOutcome {
            try await StateStores.withStore(location: .postgres(url), namespace: FleetGiveUpTests.namespace, pools: pools) { store in
                try await store.withLock(operation: "serve") { _ in
                    await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }  // never resumed
                    return CycleOutcome(kind: .unchanged)
                }
            }
        }
        func requestStop() {}
    }

    @Test("a cycle given up after --cycle-timeout frees its funnel's advisory lock at once, its own task still stuck")
    func givenUpCycleReleasesItsLock() async throws {
        try await PostgresFixture.withDatabase { url in
            let pools = PostgresPools()
            let queue = MemoryWorkQueue()
            let member = FleetMember(id: FleetFunnelID(namespace: Self.namespace, name: "stuck"),
                                     metrics: FleetMetrics().funnel("stuck")) { _, _ in
                LockedStuckReconciler(url: url, pools: pools)
            }
            let fleet = Fleet(members: [member], queue: queue, options: FleetOptions(
                workers: 1, lease: .seconds(30), poll: .milliseconds(20), schedule: CycleSchedule(interval: .seconds(120)),
                retryBase: .seconds(120), stopGrace: .milliseconds(300), cycleTimeout: .milliseconds(700), workerPrefix: "test"))
            let other = try await PostgresStateStore.open(url: url, namespace: Self.namespace)
            let running = Task { try await fleet.run() }
            // The stuck cycle holds the lock …
            #expect(try await FleetTests.eventually(10) { try await other.currentLock() != nil })
            // … until the fleet gives up on it; then the lock is free within moments, not at exit.
            #expect(try await FleetTests.eventually(10) { try await queue.status().first?.lastError?.contains("gave up") == true })
            let givenUp = ContinuousClock.now
            let lock = try await other.acquireLock(operation: "apply", timeout: .seconds(3), pollInterval: .milliseconds(20))
            #expect(ContinuousClock.now - givenUp < .seconds(3))
            #expect(try await other.releaseLock(lock.id))
            fleet.requestStop()
            try await running.value
            await other.close()
            await pools.close()
        }
    }
}
