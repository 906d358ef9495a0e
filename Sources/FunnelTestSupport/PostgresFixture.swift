import Foundation
public import FunnelCore
import FunnelState
import Logging
public import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests, with no mocks: `FUNNEL_TEST_POSTGRES_URL` when set (a role
/// that may create databases), else ONE private server per test process, started on first use from
/// Debian's packages (`initdb` into a temporary directory, `pg_ctl start` on a free loopback port,
/// as the `postgres` user when running as root) and stopped when the process exits.
///
/// Without PostgreSQL and outside CI (`CI` is not `true`), `isAvailable` is false and the
/// PostgreSQL tests are skipped with a message; in CI they always run (and fail if it is missing).
public enum PostgresFixture {
    /// Whether the PostgreSQL tests should run here.
    public static var isAvailable: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["FUNNEL_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" || initdbPath != nil
    }

    /// The message a skipped PostgreSQL test shows.
    public static let skipMessage =
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and FUNNEL_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (apt-get install postgresql)"

    /// Runs `body` with the URL of a new, empty database of its own (dropped afterwards).
    public static func withDatabase<T>(_ body: (PostgresStateURL) async throws -> T) async throws -> T {
        let server = try await PostgresServer.shared.url()
        let name = "funnel_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(server) { try await $0.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: silent) }
        var url = server
        url.database = name
        do {
            let result = try await body(url)
            try? await dropDatabase(name, server: server)
            return result
        } catch {
            try? await dropDatabase(name, server: server)
            throw error
        }
    }

    /// The one role whose connections the private server checks a password for (scram-sha-256);
    /// every other local connection is trusted.
    public static let passwordRole = "funnel_password"

    /// Runs `body` with the URL of a new database owned by `passwordRole`, reached as that role with
    /// `password` (the private server refuses the role a wrong password).
    public static func withPasswordDatabase<T>(password: String, _ body: (PostgresStateURL) async throws -> T) async throws -> T {
        try await withDatabase { url in
            try await admin(url) { connection in
                for sql in ["DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(passwordRole)') "
                                + "THEN CREATE ROLE \(passwordRole) LOGIN; END IF; END $$",
                            "ALTER ROLE \(passwordRole) PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'",
                            "ALTER DATABASE \(url.database) OWNER TO \(passwordRole)"] {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: silent)
                }
            }
            var owned = url
            owned.user = passwordRole
            owned.password = Secret(password)
            return try await body(owned)
        }
    }

    /// The server's URL (its `postgres` database), starting the private server on first use.
    public static func serverURL() async throws -> PostgresStateURL {
        try await PostgresServer.shared.url()
    }

    /// `initdb` of the newest PostgreSQL Debian installed, if any.
    static var initdbPath: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin/initdb" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let silent = Logger(label: "funnel.test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private static func dropDatabase(_ name: String, server: PostgresStateURL) async throws {
        try await admin(server) { try await $0.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: silent) }
    }

    /// Runs `body` on a connection to the server's administrative database.
    public static func admin(_ url: PostgresStateURL, _ body: (PostgresConnection) async throws -> Void) async throws {
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password?.revealed, database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: silent)
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Why the PostgreSQL fixture could not start.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
