import Foundation
import FunnelCore
import PostgresNIO

extension PostgresStateStore {
    /// Whether the namespace holds nothing yet: serial 0, no workflow, phases, records or journal runs.
    func isEmpty() async throws -> Bool {
        let namespace = self.namespace
        return try await execute("""
            SELECT s.serial = 0 AND s.workflow_id IS NULL AND s.win_phase_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM funnel_phase WHERE namespace = s.namespace)
                AND NOT EXISTS (SELECT 1 FROM funnel_record WHERE namespace = s.namespace)
                AND NOT EXISTS (SELECT 1 FROM funnel_journal_run WHERE namespace = s.namespace)
            FROM funnel_state s WHERE s.namespace = \(namespace)
            """).decode(Bool.self).all().first ?? true
    }

    /// Replaces the namespace's whole state (lineage included) and journal with `snapshot` and
    /// `runs`, in one transaction. Used by `state migrate`; call it holding the lock.
    func replace(with snapshot: StateSnapshot, runs: [JournalRun]) async throws {
        let namespace = self.namespace
        try await transaction { connection in
            let logger = PostgresConnectionSettings.silent
            try await connection.query("DELETE FROM funnel_journal_run WHERE namespace = \(namespace)", logger: logger)
            try await connection.query("DELETE FROM funnel_phase WHERE namespace = \(namespace)", logger: logger)
            try await connection.query("DELETE FROM funnel_record WHERE namespace = \(namespace)", logger: logger)
            try await connection.query("DELETE FROM funnel_definition WHERE namespace = \(namespace)", logger: logger)
            try await connection.query("""
                UPDATE funnel_state SET lineage = \(snapshot.lineage), serial = \(snapshot.serial) WHERE namespace = \(namespace)
                """, logger: logger)
            let mutations: [StateMutation] = [.setWorkflow(id: snapshot.workflowId, winPhaseId: snapshot.winPhaseId)]
                + snapshot.phases.map(StateMutation.upsertPhase)
                + snapshot.records.values.sorted { $0.key < $1.key }.map(StateMutation.upsertRecord)
                + snapshot.definitions.map(StateMutation.upsertDefinition)
            try await Self.apply(mutations, namespace: namespace, on: connection)
            for run in runs {
                try await connection.query("""
                    INSERT INTO funnel_journal_run (namespace, id, plan_digest, started_at, status, cost_calls, cost_cpu_seconds,
                                                    cost_seconds)
                    VALUES (\(namespace), \(run.id), \(run.planDigest), \(run.startedAt), \(run.status.rawValue),
                            \(run.cost?.calls), \(run.cost?.cpuSeconds), \(run.cost?.seconds))
                    """, logger: logger)
                for step in run.steps {
                    try await connection.query("""
                        INSERT INTO funnel_journal_step (namespace, run_id, step_id, address, action, payload, status, result_id,
                                                         error, updated_at)
                        VALUES (\(namespace), \(run.id), \(step.stepId), \(step.address), \(step.action), \(step.payload),
                                \(step.status.rawValue), \(step.resultId), \(step.error), \(run.startedAt))
                        """, logger: logger)
                }
            }
        }
    }
}
