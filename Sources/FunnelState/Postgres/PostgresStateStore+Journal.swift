import Foundation
public import FunnelCore
import PostgresNIO

/// The apply journal in PostgreSQL: each step written before and after its API call, committed
/// before the call returns (`synchronous_commit` on, PostgreSQL's default).
extension PostgresStateStore {
    public func beginRun(id: String, planDigest: String, steps: [JournalStep]) async throws {
        let namespace = self.namespace, now = SQLiteStateStore.now()
        let rows = steps.map { StepRow(step_id: $0.stepId, address: $0.address, action: $0.action,
                                       payload: $0.payload.base64EncodedString()) }
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        let running = JournalRun.Status.running.rawValue, interrupted = JournalRun.Status.interrupted.rawValue
        let pending = JournalStep.Status.pending.rawValue, kept = SQLiteStateStore.keptFinishedRuns
        try await transaction { connection in
            let logger = PostgresConnectionSettings.silent
            try await connection.query("""
                UPDATE funnel_journal_run SET status = \(interrupted), finished_at = \(now)
                WHERE namespace = \(namespace) AND status = \(running)
                """, logger: logger)
            try await connection.query("""
                DELETE FROM funnel_journal_run WHERE namespace = \(namespace) AND seq NOT IN
                (SELECT seq FROM funnel_journal_run WHERE namespace = \(namespace) ORDER BY seq DESC LIMIT \(kept))
                """, logger: logger)
            try await connection.query("""
                INSERT INTO funnel_journal_run (namespace, id, plan_digest, started_at, status)
                VALUES (\(namespace), \(id), \(planDigest), \(now), \(running))
                """, logger: logger)
            try await connection.query("""
                INSERT INTO funnel_journal_step (namespace, run_id, step_id, address, action, payload, status, updated_at)
                SELECT \(namespace), \(id), s.step_id, s.address, s.action, decode(s.payload, 'base64'), \(pending), \(now)
                FROM jsonb_to_recordset(\(json)::jsonb) AS s(step_id integer, address text, action text, payload text)
                """, logger: logger)
        }
    }

    public func markStarted(run: String, step: Int) async throws {
        try await updateStep(run: run, step: step, status: .started, resultId: nil, error: nil, mutations: [])
    }

    public func markFinished(run: String, step: Int, status: JournalStep.Status, resultId: String?, error: String?,
                             mutations: [StateMutation]) async throws {
        try await updateStep(run: run, step: step, status: status, resultId: resultId, error: error, mutations: mutations)
    }

    public func finishRun(id: String, status: JournalRun.Status, cost: ApplyCost? = nil) async throws {
        let changed = try await execute("""
            UPDATE funnel_journal_run SET status = \(status.rawValue), finished_at = \(SQLiteStateStore.now()),
                cost_calls = \(cost?.calls), cost_cpu_seconds = \(cost?.cpuSeconds), cost_seconds = \(cost?.seconds)
            WHERE namespace = \(namespace) AND id = \(id) RETURNING 1
            """).all().count
        guard changed > 0 else { throw StateStoreError.unknownJournalStep(run: id, step: nil) }
    }

    public func lastApplyCost() async throws -> ApplyCost? {
        try await execute("""
            SELECT cost_calls, cost_cpu_seconds, cost_seconds FROM funnel_journal_run
            WHERE namespace = \(namespace) AND cost_calls IS NOT NULL ORDER BY seq DESC LIMIT 1
            """).decode((Int, Double, Double).self).all().first.map { ApplyCost(calls: $0.0, cpuSeconds: $0.1, seconds: $0.2) }
    }

    public func interruptedRun() async throws -> JournalRun? {
        let namespace = self.namespace
        return try await transaction(readOnly: true) { connection in
            guard let id = try await connection.query("""
                SELECT id FROM funnel_journal_run WHERE namespace = \(namespace) AND status = \(JournalRun.Status.running.rawValue)
                ORDER BY seq DESC LIMIT 1
                """, logger: PostgresConnectionSettings.silent).decode(String.self).all().first else { return nil }
            return try await Self.fetchRun(connection, namespace: namespace, id: id)
        }
    }

    public func journalRun(id: String) async throws -> JournalRun? {
        let namespace = self.namespace
        return try await transaction(readOnly: true) { connection in
            try await Self.fetchRun(connection, namespace: namespace, id: id)
        }
    }

    /// Every run the journal keeps, oldest first (what `state migrate` copies).
    public func journalRuns() async throws -> [JournalRun] {
        let namespace = self.namespace
        return try await transaction(readOnly: true) { connection in
            var runs: [JournalRun] = []
            let ids = try await connection.query(
                "SELECT id FROM funnel_journal_run WHERE namespace = \(namespace) ORDER BY seq", logger: PostgresConnectionSettings.silent)
                .decode(String.self).all()
            for id in ids { if let run = try await Self.fetchRun(connection, namespace: namespace, id: id) { runs.append(run) } }
            return runs
        }
    }

    /// One round trip in the common cases: the step update alone, or with record upserts of
    /// distinct keys as one statement (its parts commit together); other mutations take a transaction.
    private func updateStep(run: String, step: Int, status: JournalStep.Status, resultId: String?, error: String?,
                            mutations: [StateMutation]) async throws {
        let namespace = self.namespace
        let update = """
            UPDATE funnel_journal_step SET status = $1, result_id = COALESCE($2, result_id), error = $3, updated_at = $4
            WHERE namespace = $5 AND run_id = $6 AND step_id = $7 RETURNING 1
            """
        var bindings = PostgresBindings()
        bindings.append(status.rawValue); bindings.append(resultId); bindings.append(error)
        bindings.append(SQLiteStateStore.now()); bindings.append(namespace); bindings.append(run); bindings.append(step)
        let records = mutations.compactMap { mutation -> RecordState? in
            if case .upsertRecord(let record) = mutation { return record }
            return nil
        }
        let changed: Int
        if mutations.isEmpty {
            changed = try await execute(PostgresQuery(unsafeSQL: update, binds: bindings)).all().count
        } else if records.count == mutations.count, Set(records.map(\.key)).count == records.count {
            bindings.append(try PostgresRecordRows.json(records))
            let sql = "WITH step AS (\(update)), saved AS (\(PostgresRecordRows.upsertSQL(namespace: "$5", json: "$8", condition: "EXISTS (SELECT 1 FROM step)"))) SELECT 1 FROM step"
            changed = try await execute(PostgresQuery(unsafeSQL: sql, binds: bindings)).all().count
        } else {
            let query = PostgresQuery(unsafeSQL: update, binds: bindings)
            changed = try await transaction { connection in
                let changed = try await connection.query(query, logger: PostgresConnectionSettings.silent).all().count
                guard changed > 0 else { throw StateStoreError.unknownJournalStep(run: run, step: step) }
                try await Self.apply(mutations, namespace: namespace, on: connection)
                return changed
            }
        }
        guard changed > 0 else { throw StateStoreError.unknownJournalStep(run: run, step: step) }
    }

    private static func fetchRun(_ connection: PostgresConnection, namespace: String, id: String) async throws -> JournalRun? {
        let logger = PostgresConnectionSettings.silent
        guard let run = try await connection.query("""
            SELECT plan_digest, started_at, status, cost_calls, cost_cpu_seconds, cost_seconds FROM funnel_journal_run
            WHERE namespace = \(namespace) AND id = \(id)
            """, logger: logger).decode((String, String, String, Int?, Double?, Double?).self).all().first else { return nil }
        var steps: [JournalStep] = []
        for try await (stepId, address, action, payload, status, resultId, error) in try await connection.query("""
            SELECT step_id, address, action, payload, status, result_id, error FROM funnel_journal_step
            WHERE namespace = \(namespace) AND run_id = \(id) ORDER BY step_id
            """, logger: logger).decode((Int, String, String, Data, String, String?, String?).self) {
            steps.append(JournalStep(stepId: stepId, address: address, action: action, payload: payload,
                                     status: JournalStep.Status(rawValue: status) ?? .pending, resultId: resultId, error: error))
        }
        let cost = run.3.map { ApplyCost(calls: $0, cpuSeconds: run.4 ?? 0, seconds: run.5 ?? 0) }
        return JournalRun(id: id, planDigest: run.0, startedAt: run.1, status: JournalRun.Status(rawValue: run.2) ?? .failed,
                          steps: steps, cost: cost)
    }

    /// One journal step as JSON for `jsonb_to_recordset` (the payload in base64).
    private struct StepRow: Encodable {
        var step_id: Int
        var address: String
        var action: String
        var payload: String
    }
}
