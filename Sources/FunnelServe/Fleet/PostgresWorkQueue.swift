import Foundation
import FunnelKit
public import Logging
public import PostgresNIO

/// `WorkQueue` on PostgreSQL, shared by every `funnel serve --funnels DIR` process pointed at the
/// same database: one row per funnel in `funnel_work_queue`, claimed with
/// `SELECT … FOR UPDATE SKIP LOCKED` so two workers never claim one row, with leases measured on
/// the database's clock (`now()`), so machines with skewed clocks agree.
public struct PostgresWorkQueue: WorkQueue {
    private let client: PostgresClient
    private let logger: Logger

    /// `client` must be running (`client.run()` in a task or a service group).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client; self.logger = logger
    }

    /// Creates the table when missing. Serialised with a transaction-scoped advisory lock, so
    /// processes starting together do not race on `CREATE TABLE`.
    public func prepare() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.schemaLockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS funnel_work_queue (
                  namespace text PRIMARY KEY,
                  name text NOT NULL,
                  full_due_at timestamptz,
                  keys text[] NOT NULL DEFAULT '{}',
                  keys_due_at timestamptz,
                  lease_owner text,
                  lease_until timestamptz,
                  last_success_at timestamptz,
                  last_summary text,
                  last_error text,
                  failures integer NOT NULL DEFAULT 0,
                  undone integer NOT NULL DEFAULT 0
                )
                """, logger: logger)
        }
    }

    /// A fixed key for the schema lock ("funnelwq" in ASCII).
    static let schemaLockKey: Int64 = 0x66756E6E656C7771

    public func register(_ funnels: [FleetFunnelID]) async throws {
        try await prepare()
        for funnel in funnels {
            try await client.query("""
                INSERT INTO funnel_work_queue (namespace, name, full_due_at) VALUES (\(funnel.namespace), \(funnel.name), now())
                ON CONFLICT (namespace) DO UPDATE SET name = EXCLUDED.name,
                  full_due_at = COALESCE(funnel_work_queue.full_due_at, now())
                """, logger: logger)
        }
    }

    public func enqueue(_ namespace: String, keys: [String], delay: Duration) async throws {
        let milliseconds = Self.milliseconds(delay)
        let rows = try await client.query("""
            UPDATE funnel_work_queue SET
              keys = ARRAY(SELECT DISTINCT k FROM unnest(keys || \(keys)::text[]) AS k),
              keys_due_at = LEAST(keys_due_at, now() + \(milliseconds)::bigint * interval '1 millisecond')
            WHERE namespace = \(namespace) RETURNING namespace
            """, logger: logger)
        guard try await rows.collect().count == 1 else { throw WorkQueueError.unknownFunnel(namespace) }
    }

    public func requestFullCycle(_ namespace: String) async throws {
        let rows = try await client.query(
            "UPDATE funnel_work_queue SET full_due_at = now() WHERE namespace = \(namespace) RETURNING namespace", logger: logger)
        guard try await rows.collect().count == 1 else { throw WorkQueueError.unknownFunnel(namespace) }
    }

    public func claim(worker: String, lease: Duration, among namespaces: Set<String>) async throws -> WorkClaim? {
        let milliseconds = Self.milliseconds(lease)
        let candidates = Array(namespaces)
        let rows = try await client.query("""
            WITH due AS (
              SELECT namespace FROM funnel_work_queue
              WHERE namespace = ANY(\(candidates)::text[])
                AND (lease_until IS NULL OR lease_until < now())
                AND (full_due_at <= now() OR (cardinality(keys) > 0 AND keys_due_at <= now()))
              ORDER BY LEAST(CASE WHEN full_due_at <= now() THEN full_due_at END,
                             CASE WHEN cardinality(keys) > 0 AND keys_due_at <= now() THEN keys_due_at END)
              LIMIT 1
              FOR UPDATE SKIP LOCKED)
            UPDATE funnel_work_queue AS q
              SET lease_owner = \(worker), lease_until = now() + \(milliseconds)::bigint * interval '1 millisecond'
            FROM due WHERE q.namespace = due.namespace
            RETURNING q.namespace, q.name, COALESCE(q.full_due_at <= now(), false), q.keys, q.failures
            """, logger: logger)
        for try await (namespace, name, whole, keys, failures) in rows.decode((String, String, Bool, [String], Int32).self) {
            return WorkClaim(funnel: FleetFunnelID(namespace: namespace, name: name), worker: worker,
                             scope: whole ? .all : .records(keys), keys: keys, failures: Int(failures))
        }
        return nil
    }

    public func renew(_ claim: WorkClaim, lease: Duration) async throws -> Bool {
        let milliseconds = Self.milliseconds(lease)
        let rows = try await client.query("""
            UPDATE funnel_work_queue SET lease_until = now() + \(milliseconds)::bigint * interval '1 millisecond'
            WHERE namespace = \(claim.funnel.namespace) AND lease_owner = \(claim.worker) AND lease_until > now()
            RETURNING namespace
            """, logger: logger)
        return try await rows.collect().count == 1
    }

    public func complete(_ claim: WorkClaim, result: WorkResult, next: Duration) async throws {
        let milliseconds = Self.milliseconds(next)
        let whole = claim.scope == .all
        switch result {
        case .succeeded(let summary, let pending):
            try await client.query("""
                UPDATE funnel_work_queue SET
                  lease_owner = CASE WHEN lease_owner = \(claim.worker) THEN NULL ELSE lease_owner END,
                  lease_until = CASE WHEN lease_owner = \(claim.worker) THEN NULL ELSE lease_until END,
                  last_success_at = now(), last_summary = \(summary), last_error = NULL, failures = 0,
                  undone = \(Int32(clamping: pending)),
                  keys = ARRAY(SELECT k FROM unnest(keys) AS k WHERE NOT (k = ANY(\(claim.keys)::text[]))),
                  keys_due_at = CASE WHEN cardinality(ARRAY(SELECT k FROM unnest(keys) AS k
                                                            WHERE NOT (k = ANY(\(claim.keys)::text[])))) = 0
                                     THEN NULL ELSE keys_due_at END,
                  full_due_at = CASE WHEN \(whole) THEN now() + \(milliseconds)::bigint * interval '1 millisecond'
                                     ELSE full_due_at END
                WHERE namespace = \(claim.funnel.namespace)
                """, logger: logger)
        case .failed(let message):
            try await client.query("""
                UPDATE funnel_work_queue SET
                  lease_owner = CASE WHEN lease_owner = \(claim.worker) THEN NULL ELSE lease_owner END,
                  lease_until = CASE WHEN lease_owner = \(claim.worker) THEN NULL ELSE lease_until END,
                  last_error = \(message), failures = failures + 1,
                  full_due_at = CASE WHEN \(whole) THEN now() + \(milliseconds)::bigint * interval '1 millisecond'
                                     ELSE full_due_at END,
                  keys_due_at = CASE WHEN \(whole) THEN keys_due_at
                                     ELSE now() + \(milliseconds)::bigint * interval '1 millisecond' END
                WHERE namespace = \(claim.funnel.namespace)
                """, logger: logger)
        }
    }

    public func status() async throws -> [FunnelStatus] {
        let rows = try await client.query("""
            SELECT namespace, name, last_success_at, last_summary, cardinality(keys) + undone, last_error,
                   CASE WHEN lease_until > now() THEN lease_owner END, full_due_at, failures
            FROM funnel_work_queue ORDER BY name, namespace
            """, logger: logger)
        var result: [FunnelStatus] = []
        for try await (namespace, name, success, summary, pending, error, worker, next, failures)
            in rows.decode((String, String, Date?, String?, Int32, String?, String?, Date?, Int32).self) {
            result.append(FunnelStatus(namespace: namespace, name: name, lastSuccess: success, lastSummary: summary,
                                       pending: Int(pending), lastError: error, worker: worker, nextFullCycle: next,
                                       failures: Int(failures)))
        }
        return result
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
