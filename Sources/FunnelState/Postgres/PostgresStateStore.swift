import Foundation
public import FunnelCore
import PostgresNIO
import Synchronization

/// funnel's state in PostgreSQL (PostgresNIO), for teams and many funnels sharing one database:
/// every row belongs to a `namespace` (one per funnel). Same semantics as `SQLiteStateStore`:
/// lineage, serial, record mappings and the apply journal, each change in one transaction.
///
/// The lock is a session advisory lock (`pg_try_advisory_lock`) held on a connection of its own
/// until `releaseLock`: when the holding process dies, its connection closes and PostgreSQL frees
/// the lock at once, so a stale lock cannot exist. Who holds it is in `funnel_lock_holders`.
///
/// Queries go through a connection pool: the process's pool of this database when opened with
/// `PostgresPools` (a fleet's cycles share it, and the schema is migrated once per process), else a
/// pool of the store's own, shut down by `close()`.
///
/// Open it with `open(url:namespace:)` (or `StateStores.open`), and `close()` it when done.
public final class PostgresStateStore: Sendable {
    /// The database (its password is masked in `description`).
    public let url: PostgresStateURL
    /// This funnel's part of the database.
    public let namespace: String
    /// Who this store takes the lock as.
    public let holder: LockHolder
    let pool: PostgresPool
    /// True when the pool is the store's own (closed with it), false when it is the process's.
    private let ownsPool: Bool
    let lockKey: Int64
    /// The connections holding an advisory lock, by lock id.
    let lockConnections = Mutex<[String: PostgresConnection]>([:])

    var client: PostgresClient { pool.client }

    private init(url: PostgresStateURL, namespace: String, holder: LockHolder, pool: PostgresPool, ownsPool: Bool) {
        self.url = url; self.namespace = namespace; self.holder = holder; self.pool = pool; self.ownsPool = ownsPool
        lockKey = AdvisoryLockKey.key(namespace: namespace)
    }

    /// Connects, creates or migrates the schema, and (unless `createIfMissing` is false) creates the
    /// namespace with a new lineage. With `pools`, the store uses the process's pool of this database
    /// (`maximumConnections` is then the pools' bound), and the schema is migrated once per pool.
    /// - Throws: `StateStoreError`: `unreadable` (cannot connect, or the server refused),
    ///   `newerVersion`, and `missing` when `createIfMissing` is false and the namespace has no state.
    public static func open(url: PostgresStateURL, namespace: String, createIfMissing: Bool = true,
                            holder: LockHolder = .current, maximumConnections: Int = 8,
                            pools: PostgresPools? = nil) async throws -> PostgresStateStore {
        let where_ = "\(url) (namespace \(namespace))"
        let shared = pools?.pool(for: url)
        let pool = shared ?? PostgresPool(url: url, maximumConnections: maximumConnections)
        do {
            try await pool.migrateOnce { try await migrate(url, createIfMissing: createIfMissing, where: where_) }
            try await pool.client.withConnection { connection in
                try await ensureNamespace(connection, namespace: namespace, createIfMissing: createIfMissing, where: where_)
            }
        } catch {
            if shared == nil { await pool.close() }
            if let error = error as? StateStoreError { throw error }
            throw StateStoreError.unreadable(path: where_, reason: PostgresConnectionSettings.describe(error))
        }
        return PostgresStateStore(url: url, namespace: namespace, holder: holder, pool: pool, ownsPool: shared == nil)
    }

    /// Creates or migrates the schema on a direct connection, which fails fast with the real reason
    /// (the pool would retry); serialised between processes by a transaction-scoped advisory lock.
    private static func migrate(_ url: PostgresStateURL, createIfMissing: Bool, where location: String) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: try PostgresConnectionSettings.connection(url), id: 0, logger: PostgresConnectionSettings.silent)
        do {
            try await migrate(connection, createIfMissing: createIfMissing, where: location)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func migrate(_ connection: PostgresConnection, createIfMissing: Bool, where location: String) async throws {
        let logger = PostgresConnectionSettings.silent
        if !createIfMissing {
            let exists = try await connection.query("SELECT to_regclass('funnel_schema_version') IS NOT NULL", logger: logger)
                .decode(Bool.self).all().first ?? false
            guard exists else { throw StateStoreError.missing(path: location) }
        }
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS funnel_schema_version (
                    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL)
                """, logger: logger)
            let version = try await connection.query("SELECT version FROM funnel_schema_version", logger: logger)
                .decode(Int.self).all().first ?? 0
            guard version <= PostgresSchema.current else { throw StateStoreError.newerVersion(path: location) }
            for migration in PostgresSchema.migrations.dropFirst(version) {
                for statement in migration { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
            }
            try await connection.query("""
                INSERT INTO funnel_schema_version (version) VALUES (\(PostgresSchema.current))
                ON CONFLICT (singleton) DO UPDATE SET version = excluded.version
                """, logger: logger)
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Creates the namespace's state row (unless `createIfMissing` is false) and checks it is there.
    private static func ensureNamespace(_ connection: PostgresConnection, namespace: String, createIfMissing: Bool,
                                        where location: String) async throws {
        let logger = PostgresConnectionSettings.silent
        if createIfMissing {
            try await connection.query("""
                INSERT INTO funnel_state (namespace, lineage) VALUES (\(namespace), \(UUID().uuidString.lowercased()))
                ON CONFLICT (namespace) DO NOTHING
                """, logger: logger)
        }
        let known = try await connection.query("SELECT count(*) FROM funnel_state WHERE namespace = \(namespace)", logger: logger)
            .decode(Int.self).all().first ?? 0
        guard known == 1 else { throw StateStoreError.missing(path: location) }
    }

    /// Closes the lock connections (releasing their locks) and the store's own pool (a shared pool
    /// stays open for the other stores). Idempotent.
    public func close() async {
        let connections = lockConnections.withLock { connections in
            defer { connections.removeAll() }
            return Array(connections.values)
        }
        for connection in connections { try? await connection.close() }
        if ownsPool { await pool.close() }
    }

    /// Runs `body` in one transaction on a pooled connection: committed when it returns, rolled back
    /// when it throws (its error passes through unchanged). `readOnly` reads one consistent snapshot.
    func transaction<T: Sendable>(readOnly: Bool = false, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await run {
            try await client.withConnection { connection in
                let logger = PostgresConnectionSettings.silent
                try await connection.query(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// One statement outside a transaction (autocommit).
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await run { try await client.query(query, logger: PostgresConnectionSettings.silent) }
    }

    /// Maps PostgresNIO's errors to `StateStoreError.unreadable` (the server's message, never the
    /// bound values); funnel's own errors pass through.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StateStoreError {
            throw error
        } catch let error as StateLockError {
            throw error
        } catch let error as PSQLError {
            throw StateStoreError.unreadable(path: location, reason: PostgresConnectionSettings.describe(error))
        }
    }
}

extension PostgresStateStore: StateStore {
    /// The database URL (password masked) and the namespace.
    public var location: String { "\(url) (namespace \(namespace))" }

    public func snapshot() async throws -> StateSnapshot {
        let namespace = self.namespace, location = self.location
        return try await transaction(readOnly: true) { connection in
            let logger = PostgresConnectionSettings.silent
            guard let state = try await connection.query(
                "SELECT lineage, serial, workflow_id, win_phase_id FROM funnel_state WHERE namespace = \(namespace)", logger: logger)
                .decode((String, Int, String?, String?).self).all().first else {
                throw StateStoreError.unreadable(path: location, reason: "the namespace's state row is missing")
            }
            var phases: [PhaseState] = []
            for try await (id, name, stage) in try await connection.query(
                "SELECT phase_id, name, stage_id FROM funnel_phase WHERE namespace = \(namespace) ORDER BY position", logger: logger)
                .decode((String, String, String?).self) {
                phases.append(PhaseState(phaseId: id, name: name, stageId: stage))
            }
            var records: [String: RecordState] = [:]
            for try await row in try await connection.query(PostgresQuery(
                unsafeSQL: "SELECT \(PostgresRecordRows.list) FROM funnel_record WHERE namespace = $1",
                binds: Self.bindings(namespace)), logger: logger) {
                let record = try PostgresRecordRows.record(row)
                records[record.key] = record
            }
            var definitions: [DefinitionState] = []
            for try await (kind, name, key) in try await connection.query(
                "SELECT kind, name, key FROM funnel_definition WHERE namespace = \(namespace) ORDER BY kind, name", logger: logger)
                .decode((String, String, String).self) {
                if let kind = DefinitionKind(rawValue: kind) { definitions.append(DefinitionState(kind: kind, name: name, key: key)) }
            }
            return StateSnapshot(lineage: state.0, serial: state.1, workflowId: state.2, winPhaseId: state.3,
                                 phases: phases, records: records, definitions: definitions)
        }
    }

    public func save(_ mutations: [StateMutation]) async throws {
        guard !mutations.isEmpty else { return }
        let namespace = self.namespace
        try await transaction { connection in try await Self.apply(mutations, namespace: namespace, on: connection) }
    }

    @discardableResult
    public func bumpSerial() async throws -> Int {
        try await execute("UPDATE funnel_state SET serial = serial + 1 WHERE namespace = \(namespace) RETURNING serial")
            .decode(Int.self).all().first ?? 0
    }

    public func checkIntegrity() async throws -> [String] {
        let namespace = self.namespace
        return try await transaction(readOnly: true) { connection in
            let logger = PostgresConnectionSettings.silent
            var problems: [String] = []
            let rows = try await connection.query(
                "SELECT count(*) FROM funnel_state WHERE namespace = \(namespace)", logger: logger).decode(Int.self).all()
            if rows.first != 1 { problems.append("the namespace \(namespace) has \(rows.first ?? 0) state rows (expected 1)") }
            let running = try await connection.query(
                "SELECT count(*) FROM funnel_journal_run WHERE namespace = \(namespace) AND status = 'running'", logger: logger)
                .decode(Int.self).all().first ?? 0
            if running > 1 { problems.append("\(running) journal runs are still running (expected at most 1)") }
            return problems
        }
    }

    static func bindings(_ values: String...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
