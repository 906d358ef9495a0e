import Foundation
public import FunnelCore
import GRDB

/// The state lock: one row, taken inside an IMMEDIATE transaction so two processes can never both
/// see it free. One writer at a time: apply, watch and serve share it.
extension SQLiteStateStore {
    private enum LockAttempt {
        case acquired(LockInfo)
        case held(LockInfo)
    }

    /// Takes the lock for `operation`, polling every `pollInterval` while another live process
    /// holds it, for at most `timeout` (a zero timeout tries once). A lock left by a process on
    /// this host that no longer exists is stale and is taken over: the returned info's
    /// `tookOverStale` names it.
    /// - Throws: `StateLockError.held` naming the holder when the wait times out.
    public func acquireLock(operation: String, timeout: Duration,
                            pollInterval: Duration = .milliseconds(200)) async throws -> LockInfo {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            switch try attemptLock(operation: operation) {
            case .acquired(let lock):
                return lock
            case .held(let lock):
                let now = clock.now
                guard now < deadline else { throw StateLockError.held(lock) }
                try await Task.sleep(for: min(pollInterval, now.duration(to: deadline)))
            }
        }
    }

    /// Releases a lock this process holds. Returns false when it was no longer held (someone
    /// ran `force-unlock`), which is not an error for the releaser.
    @discardableResult
    public func releaseLock(_ id: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM state_lock WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// Gives the lock up without waiting for it (a cycle given up as stuck): its row is deleted on
    /// a thread of its own, so the caller (a cancellation handler) never blocks on the database.
    public func abandonLock(_ id: String) {
        DispatchQueue.global().async { _ = try? self.releaseLock(id) }
    }

    /// Breaks the lock with this id, whoever holds it.
    /// - Throws: `StateLockError.noSuchLock` when the current lock (if any) has another id.
    public func forceUnlock(_ id: String) throws {
        try database.write { db in
            let current = try Self.fetchLock(db)
            guard let current, current.id == id else { throw StateLockError.noSuchLock(id: id, current: current) }
            try db.execute(sql: "DELETE FROM state_lock WHERE id = ?", arguments: [id])
        }
    }

    /// Who holds the lock, if anyone.
    public func currentLock() throws -> LockInfo? {
        try database.read { db in try Self.fetchLock(db) }
    }

    private func attemptLock(operation: String) throws -> LockAttempt {
        let holder = self.holder
        return try database.writeWithoutTransaction { db in
            var attempt = LockAttempt.held(LockInfo(id: "", operation: "", who: "", host: "", pid: 0, since: ""))
            try db.inTransaction(.immediate) {
                var stale: LockInfo?
                if let current = try Self.fetchLock(db) {
                    guard current.host == holder.host, !LockHolder.isProcessAlive(current.pid) else {
                        attempt = .held(current)
                        return .commit
                    }
                    stale = current
                }
                var lock = LockInfo(id: UUID().uuidString.lowercased(), operation: operation, who: holder.who,
                                    host: holder.host, pid: holder.pid, since: Self.now())
                try db.execute(sql: """
                    INSERT OR REPLACE INTO state_lock (slot, id, operation, who, host, pid, since)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    """, arguments: [lock.id, lock.operation, lock.who, lock.host, lock.pid, lock.since])
                lock.tookOverStale = stale
                attempt = .acquired(lock)
                return .commit
            }
            return attempt
        }
    }

    private static func fetchLock(_ db: Database) throws -> LockInfo? {
        try Row.fetchOne(db, sql: "SELECT id, operation, who, host, pid, since FROM state_lock WHERE slot = 1").map {
            LockInfo(id: $0[0], operation: $0[1], who: $0[2], host: $0[3], pid: $0[4], since: $0[5])
        }
    }
}
