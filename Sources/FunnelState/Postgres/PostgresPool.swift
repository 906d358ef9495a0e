public import FunnelCore
public import PostgresNIO
import Synchronization

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
