public import FunnelCore
import PostgresNIO

/// Looks at a fleet's PostgreSQL from outside (the fleet stress benchmark): who holds which
/// funnel's lease now, and how many connections the database has. One connection of its own.
public final class FleetQueueProbe: Sendable {
    private let connection: PostgresConnection

    private init(connection: PostgresConnection) { self.connection = connection }

    /// Connects to `url` (the fleet's database).
    public static func connect(_ url: PostgresStateURL) async throws -> FleetQueueProbe {
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password?.revealed, database: url.database, tls: .disable)
        return FleetQueueProbe(connection: try await PostgresConnection.connect(configuration: configuration, id: 0,
                                                                               logger: PostgresFixture.silent))
    }

    /// (funnel name, lease owner) of every live lease in `funnel_work_queue` (none before the table exists).
    public func leases() async throws -> [(name: String, owner: String)] {
        guard try await exists("funnel_work_queue") else { return [] }
        var leases: [(name: String, owner: String)] = []
        for try await (name, owner) in try await connection.query(
            "SELECT name, lease_owner FROM funnel_work_queue WHERE lease_until > now()", logger: PostgresFixture.silent)
            .decode((String, String).self) {
            leases.append((name, owner))
        }
        return leases
    }

    /// Connections to this database other than the probe's own.
    public func connections() async throws -> Int {
        var count = 0
        for try await value in try await connection.query("""
            SELECT count(*)::int8 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """, logger: PostgresFixture.silent).decode(Int.self) {
            count = value
        }
        return count
    }

    /// Advisory locks held in this database now (the funnels' state locks).
    public func advisoryLocks() async throws -> Int {
        var count = 0
        for try await value in try await connection.query("""
            SELECT count(*)::int8 FROM pg_locks WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, logger: PostgresFixture.silent).decode(Int.self) {
            count = value
        }
        return count
    }

    /// Apply journal runs still `running` (after the writers stopped: a run a stop left open).
    public func runningJournalRuns() async throws -> Int {
        guard try await exists("funnel_journal_run") else { return 0 }
        var count = 0
        for try await value in try await connection.query(
            "SELECT count(*)::int8 FROM funnel_journal_run WHERE status = 'running'", logger: PostgresFixture.silent).decode(Int.self) {
            count = value
        }
        return count
    }

    public func close() async {
        try? await connection.close()
    }

    private func exists(_ table: String) async throws -> Bool {
        var found = false
        for try await value in try await connection.query("SELECT to_regclass(\(table)) IS NOT NULL", logger: PostgresFixture.silent)
            .decode(Bool.self) {
            found = value
        }
        return found
    }
}
