import Foundation
public import FunnelCore
import PostgresNIO
import Synchronization

/// The state lock in PostgreSQL: a session advisory lock keyed by the namespace
/// (`AdvisoryLockKey`), held on a connection of its own until `releaseLock`. PostgreSQL frees it
/// the moment that connection ends (a kill -9, a crash, a lost network), so no lock is ever stale.
/// Who holds it is a `funnel_lock_holders` row written by the holder on that same connection
/// (with its backend pid); a row whose backend no longer holds the advisory lock is ignored.
extension PostgresStateStore {
    public func acquireLock(operation: String, timeout: Duration, pollInterval: Duration) async throws -> LockInfo {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try PostgresConnectionSettings.connection(url), id: 1,
                                                              logger: PostgresConnectionSettings.silent)
        } catch {
            throw StateStoreError.unreadable(path: location, reason: PostgresConnectionSettings.describe(error))
        }
        do {
            while true {
                if let lock = try await attemptLock(operation: operation, on: connection) {
                    lockConnections.withLock { $0[lock.id] = connection }
                    return lock
                }
                let now = clock.now
                guard now < deadline else {
                    let holder = try await currentLock()
                        ?? LockInfo(id: "?", operation: "a starting writer", who: "?", host: "?", pid: 0, since: SQLiteStateStore.now())
                    throw StateLockError.held(holder)
                }
                try await Task.sleep(for: min(pollInterval, now.duration(to: deadline)))
            }
        } catch {
            try? await connection.close()
            if let error = error as? PSQLError {
                throw StateStoreError.unreadable(path: location, reason: PostgresConnectionSettings.describe(error))
            }
            throw error
        }
    }

    /// One try: the advisory lock, then (still on the lock's connection) the holder row.
    private func attemptLock(operation: String, on connection: PostgresConnection) async throws -> LockInfo? {
        let logger = PostgresConnectionSettings.silent
        let taken = try await connection.query("SELECT pg_try_advisory_lock(\(lockKey))", logger: logger)
            .decode(Bool.self).all().first ?? false
        guard taken else { return nil }
        // The advisory lock is ours: a row left here is a dead holder's (its connection is gone).
        let stale = try await connection.query("""
            SELECT id, operation, who, host, pid, since FROM funnel_lock_holders WHERE namespace = \(namespace)
            """, logger: logger).decode((String, String, String, String, Int32, String).self).all().first
        var lock = LockInfo(id: UUID().uuidString.lowercased(), operation: operation, who: holder.who, host: holder.host,
                            pid: holder.pid, since: SQLiteStateStore.now())
        try await connection.query("""
            INSERT INTO funnel_lock_holders (namespace, id, operation, who, host, pid, since, backend_pid)
            VALUES (\(namespace), \(lock.id), \(lock.operation), \(lock.who), \(lock.host), \(lock.pid), \(lock.since), pg_backend_pid())
            ON CONFLICT (namespace) DO UPDATE SET id = excluded.id, operation = excluded.operation, who = excluded.who,
                host = excluded.host, pid = excluded.pid, since = excluded.since, backend_pid = excluded.backend_pid
            """, logger: logger)
        lock.tookOverStale = stale.map { LockInfo(id: $0.0, operation: $0.1, who: $0.2, host: $0.3, pid: $0.4, since: $0.5) }
        return lock
    }

    /// Releases a lock this store holds: forgets its holder row, unlocks and closes its connection.
    /// The connection is closed however the rest goes (a failed `DELETE` included), so the advisory
    /// lock never outlives this call. Returns false when the lock had been broken (`forceUnlock`
    /// ended its session) or given up (`abandonLock`).
    @discardableResult
    public func releaseLock(_ id: String) async throws -> Bool {
        guard let connection = lockConnections.withLock({ $0.removeValue(forKey: id) }) else { return false }
        let removed: Int
        do {
            removed = try await execute(
                "DELETE FROM funnel_lock_holders WHERE namespace = \(namespace) AND id = \(id) RETURNING 1").all().count
        } catch {
            try? await connection.close()
            throw error
        }
        if removed > 0, !connection.isClosed {
            // Unlock before closing, so the next writer finds the lock free at once.
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: PostgresConnectionSettings.silent)
        }
        // Otherwise force-unlock ended the session (a query on it might never be answered).
        try? await connection.close()
        return removed > 0
    }

    /// Gives the lock up at once, without a query: closes its connection, and PostgreSQL frees the
    /// advisory lock as soon as it sees the connection end. The holder row stays behind, ignored
    /// (its backend no longer holds the lock) and replaced by the next holder.
    public func abandonLock(_ id: String) {
        guard let connection = lockConnections.withLock({ $0.removeValue(forKey: id) }) else { return }
        // The callback keeps the connection alive until it is closed (it must not be freed open).
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Breaks the lock: ends the holder's database session (`pg_terminate_backend`, which needs
    /// the same role as the holder, `pg_signal_backend`, or a superuser), so its advisory lock is
    /// freed, and deletes its row. The holder's process itself keeps running.
    public func forceUnlock(_ id: String) async throws {
        let current = try await currentHolder()
        guard let current, current.lock.id == id else { throw StateLockError.noSuchLock(id: id, current: current?.lock) }
        try await execute("SELECT pg_terminate_backend(\(current.backendPid))")
        try await execute("DELETE FROM funnel_lock_holders WHERE namespace = \(namespace) AND id = \(id)")
    }

    public func currentLock() async throws -> LockInfo? {
        try await currentHolder()?.lock
    }

    /// The holder row whose backend really holds the namespace's advisory lock (per `pg_locks`).
    private func currentHolder() async throws -> (lock: LockInfo, backendPid: Int32)? {
        let high = (lockKey >> 32) & 0xffff_ffff, low = lockKey & 0xffff_ffff
        return try await execute("""
            SELECT h.id, h.operation, h.who, h.host, h.pid, h.since, h.backend_pid FROM funnel_lock_holders h
            WHERE h.namespace = \(namespace) AND EXISTS (
                SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.pid = h.backend_pid
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid::bigint = \(high) AND l.objid::bigint = \(low) AND l.objsubid = 1)
            """).decode((String, String, String, String, Int32, String, Int32).self).all().first.map {
            (LockInfo(id: $0.0, operation: $0.1, who: $0.2, host: $0.3, pid: $0.4, since: $0.5), $0.6)
        }
    }
}
