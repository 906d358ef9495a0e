import FunnelCore
import PostgresNIO
import Synchronization

/// One connection pool per PostgreSQL database for a whole process: every state store opened
/// with it (a fleet's cycles, `watch`'s and `serve`'s cycles) and the fleet's work queue share the
/// pool of their database instead of each opening one of its own.
///
/// The bound, per database and process: at most `maximumConnections` pooled connections (opened
/// on demand, closed after 60 s idle), plus one connection per state lock held (a session
/// advisory lock lives on a connection of its own, closed when the lock is released or given up).
/// A fleet of W workers therefore uses at most `maximumConnections + W` connections per process.
///
/// Opening a pool is cheap and lazy; `close()` shuts every pool down (stores still open fail).
public final class PostgresPools: Sendable {
    /// Pooled connections per database unless the caller asks for another bound.
    public static let defaultMaximumConnections = 8

    public let maximumConnections: Int
    private let pools = Mutex<[String: PostgresPool]>([:])

    public init(maximumConnections: Int = PostgresPools.defaultMaximumConnections) {
        self.maximumConnections = max(1, maximumConnections)
    }

    /// The pool of `url`'s database, started on first use.
    public func pool(for url: PostgresStateURL) -> PostgresPool {
        pools.withLock { pools in
            // The key holds the password (the same database reached as another role is another pool);
            // it never leaves this dictionary.
            if let pool = pools[url.revealed] { return pool }
            let pool = PostgresPool(url: url, maximumConnections: maximumConnections)
            pools[url.revealed] = pool
            return pool
        }
    }

    /// How many databases have a pool (tests: stores and queue on one database share one).
    public var count: Int { pools.withLock { $0.count } }

    /// Shuts every pool down. Idempotent.
    public func close() async {
        let all = pools.withLock { pools in
            defer { pools.removeAll() }
            return Array(pools.values)
        }
        for pool in all { await pool.close() }
    }
}

/// A running PostgresNIO pool for one database, and what this process already knows of that
/// database's schema (migrated once per pool, not once per cycle).
public final class PostgresPool: Sendable {
    public let url: PostgresStateURL
    public let client: PostgresClient
    private let runner: Task<Void, Never>
    private let migration = Mutex<Task<Void, any Error>?>(nil)

    init(url: PostgresStateURL, maximumConnections: Int) {
        self.url = url
        let client = PostgresClient(configuration: PostgresConnectionSettings.client(url, maximumConnections: maximumConnections),
                                    backgroundLogger: PostgresConnectionSettings.silent)
        self.client = client
        // Detached: `PostgresClient.run()` ends at a ServiceLifecycle graceful shutdown it finds in its
        // task's task-locals. A pool first used inside `serve`'s service group (by a cycle) would then
        // be shut down by SIGTERM under the cycles still finishing their started steps: their journal
        // writes failed, the run stayed `running`, and the lock connection leaked. The pool ends with
        // `close()` only.
        runner = Task.detached { await client.run() }
    }

    /// Runs `migrate` once for the stores of this pool: concurrent callers wait for the same run;
    /// after a failure the next caller tries again.
    func migrateOnce(_ migrate: @escaping @Sendable () async throws -> Void) async throws {
        let task = migration.withLock { current -> Task<Void, any Error> in
            if let current { return current }
            let task = Task { try await migrate() }
            current = task
            return task
        }
        do {
            try await task.value
        } catch {
            migration.withLock { current in if current == task { current = nil } }
            throw error
        }
    }

    /// Stops the pool: its connections close, requests waiting for one fail.
    func close() async {
        runner.cancel()
        await runner.value
    }

    deinit { runner.cancel() }
}
