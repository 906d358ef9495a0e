import Foundation
public import FunnelCore
import GRDB

/// The apply journal: each step is written before and after its API call, so a run killed at any
/// instant leaves a record of which steps may have reached Wix.
extension SQLiteStateStore {
    /// How many finished runs the journal keeps (older ones are pruned when a run begins).
    public static let keptFinishedRuns = 10

    /// Records a new run with every step `pending`. Call it while holding the state lock: a run
    /// still `running` from an earlier process is closed as `interrupted` (read it with
    /// `interruptedRun()` first), and finished runs beyond the last ten are pruned.
    public func beginRun(id: String, planDigest: String, steps: [JournalStep]) throws {
        let now = Self.now()
        try database.write { db in
            try db.execute(sql: "UPDATE journal_run SET status = ?, finished_at = ? WHERE status = ?",
                           arguments: [JournalRun.Status.interrupted.rawValue, now, JournalRun.Status.running.rawValue])
            try db.execute(sql: """
                DELETE FROM journal_run WHERE seq NOT IN (SELECT seq FROM journal_run ORDER BY seq DESC LIMIT ?)
                """, arguments: [Self.keptFinishedRuns])
            try db.execute(sql: "INSERT INTO journal_run (id, plan_digest, started_at, status) VALUES (?, ?, ?, ?)",
                           arguments: [id, planDigest, now, JournalRun.Status.running.rawValue])
            let insert = try db.makeStatement(sql: """
                INSERT INTO journal_step (run_id, step_id, address, action, payload, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for step in steps {
                try insert.execute(arguments: [id, step.stepId, step.address, step.action, step.payload,
                                               JournalStep.Status.pending.rawValue, now])
            }
        }
    }

    /// Records that a step's call is about to be made (committed before this returns). Concurrent
    /// steps' records share transactions (`GroupCommit`).
    public func markStarted(run: String, step: Int) async throws {
        try await journalWriter.write { db in
            try Self.updateStep(db, run: run, step: step, status: .started, resultId: nil, error: nil)
        }
    }

    /// Records a step's outcome, the id it created, and the state mutations it implies, atomically
    /// (committed before this returns; concurrent steps' records share transactions).
    public func markFinished(run: String, step: Int, status: JournalStep.Status, resultId: String?, error: String?,
                             mutations: [StateMutation]) async throws {
        try await journalWriter.write { db in
            try Self.updateStep(db, run: run, step: step, status: status, resultId: resultId, error: error)
            try Self.apply(mutations, in: db)
        }
    }

    /// Closes a run, with what it cost (nil: not measured).
    public func finishRun(id: String, status: JournalRun.Status, cost: ApplyCost? = nil) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE journal_run SET status = ?, finished_at = ?, cost_calls = ?, cost_cpu_seconds = ?, cost_seconds = ?
                WHERE id = ?
                """, arguments: [status.rawValue, Self.now(), cost?.calls, cost?.cpuSeconds, cost?.seconds, id])
            guard db.changesCount > 0 else { throw StateStoreError.unknownJournalStep(run: id, step: nil) }
        }
    }

    /// The cost of the newest run that recorded one.
    public func lastApplyCost() throws -> ApplyCost? {
        try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT cost_calls, cost_cpu_seconds, cost_seconds FROM journal_run
                WHERE cost_calls IS NOT NULL ORDER BY seq DESC LIMIT 1
                """).map { ApplyCost(calls: $0[0], cpuSeconds: $0[1], seconds: $0[2]) }
        }
    }

    /// The newest run still `running`. Call it while holding the state lock: then its process
    /// died (kill -9, power cut) and its `started` steps may or may not have reached Wix.
    public func interruptedRun() throws -> JournalRun? {
        try database.read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM journal_run WHERE status = ? ORDER BY seq DESC LIMIT 1",
                                               arguments: [JournalRun.Status.running.rawValue]) else { return nil }
            return try Self.fetchRun(db, id: id)
        }
    }

    /// A run and its steps, or nil when the journal does not hold it (any more).
    public func journalRun(id: String) throws -> JournalRun? {
        try database.read { db in try Self.fetchRun(db, id: id) }
    }

    private static func updateStep(_ db: Database, run: String, step: Int, status: JournalStep.Status,
                                   resultId: String?, error: String?) throws {
        try db.cachedStatement(sql: """
            UPDATE journal_step SET status = ?, result_id = COALESCE(?, result_id), error = ?, updated_at = ?
            WHERE run_id = ? AND step_id = ?
            """).execute(arguments: [status.rawValue, resultId, error, now(), run, step])
        guard db.changesCount > 0 else { throw StateStoreError.unknownJournalStep(run: run, step: step) }
    }

    private static func fetchRun(_ db: Database, id: String) throws -> JournalRun? {
        guard let run = try Row.fetchOne(db, sql: """
            SELECT plan_digest, started_at, status, cost_calls, cost_cpu_seconds, cost_seconds FROM journal_run WHERE id = ?
            """, arguments: [id]) else { return nil }
        let steps = try Row.fetchAll(db, sql: """
            SELECT step_id, address, action, payload, status, result_id, error
            FROM journal_step WHERE run_id = ? ORDER BY step_id
            """, arguments: [id]).map { row in
            JournalStep(stepId: row[0], address: row[1], action: row[2], payload: row[3],
                        status: JournalStep.Status(rawValue: row[4]) ?? .pending, resultId: row[5], error: row[6])
        }
        let calls: Int? = run[3]
        return JournalRun(id: id, planDigest: run[0], startedAt: run[1],
                          status: JournalRun.Status(rawValue: run[2]) ?? .failed, steps: steps,
                          cost: calls.map { ApplyCost(calls: $0, cpuSeconds: run[4], seconds: run[5]) })
    }
}
