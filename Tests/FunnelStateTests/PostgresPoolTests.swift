import Foundation
import FunnelCore
import FunnelTestSupport
import Synchronization
import Testing
@testable import FunnelState

/// Issue #15: one connection pool per database for a whole process (a fleet opens a state store
/// per cycle), and state locks that never outlive their holder's intent.
@Suite("PostgreSQL pools and lock connections", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct PostgresPoolTests {
    @Test("16 stores opened through one PostgresPools share one pool: never more connections than its bound")
    func storesShareOnePool() async throws {
        try await PostgresFixture.withDatabase { url in
            let pools = PostgresPools(maximumConnections: 3)
            let probe = try await FleetQueueProbe.connect(url)
            let peak = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        let store = try await StateStores.open(location: .postgres(url), namespace: "site-\(index)/Lead Funnel", pools: pools)
                        var peak = 0
                        for round in 0..<5 {
                            try await store.save([.setWorkflow(id: "w\(round)", winPhaseId: nil)])
                            _ = try await store.snapshot()
                            peak = max(peak, try await probe.connections())
                        }
                        await store.close()
                        return peak
                    }
                }
                return try await group.reduce(0) { max($0, $1) }
            }
            #expect(pools.count == 1)
            #expect(peak <= 3, "peak \(peak) connections")
            // Closing the stores left the shared pool open for the next one.
            let store = try await StateStores.open(location: .postgres(url), namespace: "site-0/Lead Funnel", pools: pools)
            #expect(try await store.snapshot().workflowId == "w4")
            await store.close()
            await pools.close()
            #expect(try await eventually { try await probe.connections() == 0 })
            await probe.close()
        }
    }

    @Test("a lock held in a cancelled task is given up at once, while the task is still stuck")
    func cancelledHolderGivesTheLockUp() async throws {
        try await PostgresFixture.withDatabase { url in
            let holder = try await PostgresStateStore.open(url: url, namespace: "n")
            let other = try await PostgresStateStore.open(url: url, namespace: "n")
            let stuck = Mutex<CheckedContinuation<Void, Never>?>(nil)
            let task = Task {
                try await holder.withLock(operation: "serve") { _ in
                    await withCheckedContinuation { continuation in stuck.withLock { $0 = continuation } }  // ignores cancellation
                }
            }
            #expect(try await eventually { stuck.withLock { $0 != nil } })
            #expect(try await other.currentLock() != nil)
            task.cancel()
            let lock = try await other.acquireLock(operation: "apply", timeout: .seconds(3), pollInterval: .milliseconds(20))
            #expect(try await other.releaseLock(lock.id))
            stuck.withLock { $0?.resume() }
            _ = await task.result
            await holder.close(); await other.close()
        }
    }

    @Test("a release whose holder row cannot be deleted still closes the lock's connection: the lock is free")
    func failedReleaseStillFreesTheLock() async throws {
        try await PostgresFixture.withDatabase { url in
            let pools = PostgresPools()
            let holder = try await PostgresStateStore.open(url: url, namespace: "n", pools: pools)
            let lock = try await holder.acquireLock(operation: "serve", timeout: .zero)
            await pools.close()  // the holder's queries now fail (what a stopping process saw)
            await #expect(throws: (any Error).self) { try await holder.releaseLock(lock.id) }
            let other = try await PostgresStateStore.open(url: url, namespace: "n")
            let taken = try await other.acquireLock(operation: "apply", timeout: .seconds(3), pollInterval: .milliseconds(20))
            #expect(try await other.releaseLock(taken.id))
            await holder.close(); await other.close()
        }
    }

    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
