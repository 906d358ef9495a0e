import Foundation
import FunnelCore
import Testing
@testable import FunnelState

@Suite("SQLiteStateStore: state lock")
struct LockTests {
    /// A pid above Linux's maximum (4,194,304) and macOS's (99,998): never a live process.
    static let deadPid: Int32 = 99_999_999

    @Test func twoStoresOnOneFileCannotBothHoldTheLock() async throws {
        let temp = TemporaryStatePath()
        let first = try SQLiteStateStore.open(path: temp.path)
        let second = try SQLiteStateStore.open(path: temp.path)
        async let a = Result.capture { try await first.acquireLock(operation: "apply", timeout: .milliseconds(300), pollInterval: .milliseconds(20)) }
        async let b = Result.capture { try await second.acquireLock(operation: "watch", timeout: .milliseconds(300), pollInterval: .milliseconds(20)) }
        let results = await [a, b]
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        let winner = try #require(winners.first)
        let failure = try #require(results.compactMap { result -> StateLockError? in
            if case .failure(let error) = result { return error as? StateLockError }
            return nil
        }.first)
        #expect(failure == .held(winner))
        #expect(failure.description.contains("state is locked by \(winner.operation) (lock \(winner.id)) held by \(winner.who)"))
        #expect(failure.description.contains("pid \(getpid()); wait, or run `funnel force-unlock \(winner.id)`"))
        #expect(try first.currentLock() == winner)
    }

    @Test func aWaiterGetsTheLockOnceItIsReleased() async throws {
        let temp = TemporaryStatePath()
        let holder = try SQLiteStateStore.open(path: temp.path)
        let waiter = try SQLiteStateStore.open(path: temp.path)
        let held = try await holder.acquireLock(operation: "apply", timeout: .zero)
        async let waited = waiter.acquireLock(operation: "serve", timeout: .seconds(10), pollInterval: .milliseconds(10))
        try await Task.sleep(for: .milliseconds(50))
        #expect(try holder.releaseLock(held.id))
        let lock = try await waited
        #expect(lock.operation == "serve" && lock.id != held.id && lock.staleTakeoverNote == nil)
        #expect(try holder.releaseLock(held.id) == false)
    }

    @Test func aLockLeftByADeadProcessOnThisHostIsTakenOver() async throws {
        let temp = TemporaryStatePath()
        let here = LockHolder.current
        let ghost = try SQLiteStateStore.open(path: temp.path, holder: LockHolder(who: "ci", host: here.host, pid: Self.deadPid))
        let stale = try await ghost.acquireLock(operation: "apply", timeout: .zero)
        let next = try SQLiteStateStore.open(path: temp.path)
        let lock = try await next.acquireLock(operation: "apply", timeout: .zero)
        #expect(lock.tookOverStale == stale)
        #expect(lock.staleTakeoverNote == "took over a stale state lock \(stale.id) (apply by ci on \(here.host) "
            + "pid \(Self.deadPid) since \(stale.since)): that process no longer exists")
        #expect(lock.pid == getpid() && lock.who == here.who)
        var recorded = lock
        recorded.tookOverStale = nil  // the note is for the caller, not stored
        #expect(try next.currentLock() == recorded)
    }

    @Test func aLockFromAnotherHostIsNeverTakenOver() async throws {
        let temp = TemporaryStatePath()
        let remote = try SQLiteStateStore.open(path: temp.path, holder: LockHolder(who: "ci", host: "elsewhere.invalid", pid: Self.deadPid))
        let held = try await remote.acquireLock(operation: "watch", timeout: .zero)
        await #expect(throws: StateLockError.held(held)) {
            try await SQLiteStateStore.open(path: temp.path).acquireLock(operation: "apply", timeout: .milliseconds(30),
                                                                         pollInterval: .milliseconds(10))
        }
    }

    @Test func forceUnlockBreaksOnlyTheNamedLock() async throws {
        let temp = TemporaryStatePath()
        let store = try SQLiteStateStore.open(path: temp.path)
        #expect(throws: StateLockError.noSuchLock(id: "x", current: nil)) { try store.forceUnlock("x") }
        let held = try await store.acquireLock(operation: "apply", timeout: .zero)
        let other = try SQLiteStateStore.open(path: temp.path)
        #expect(throws: StateLockError.noSuchLock(id: "x", current: held)) { try other.forceUnlock("x") }
        try other.forceUnlock(held.id)
        #expect(try store.currentLock() == nil)
        let again = try await other.acquireLock(operation: "apply", timeout: .zero)
        #expect(again.tookOverStale == nil)
    }

    @Test func processLivenessUsesKill() {
        #expect(LockHolder.isProcessAlive(getpid()))
        #expect(!LockHolder.isProcessAlive(Self.deadPid))
        #expect(!LockHolder.isProcessAlive(0))
    }
}

extension Result where Failure == any Error {
    static func capture(_ body: () async throws -> Success) async -> Self {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
