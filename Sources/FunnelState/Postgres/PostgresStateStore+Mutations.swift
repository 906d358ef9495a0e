import FunnelCore
import PostgresNIO

extension PostgresStateStore {
    /// How many records one upsert statement carries.
    static let recordBatch = 2_000

    /// Applies mutations in order inside the caller's transaction. Consecutive record upserts go
    /// in batches (the last one wins for a key repeated in a batch).
    static func apply(_ mutations: [StateMutation], namespace: String, on connection: PostgresConnection) async throws {
        let logger = PostgresConnectionSettings.silent
        var pending: [RecordState] = []
        var pendingIndex: [String: Int] = [:]
        func flush() async throws {
            guard !pending.isEmpty else { return }
            try await connection.query(try PostgresRecordRows.upsert(pending, namespace: namespace), logger: logger)
            pending.removeAll(keepingCapacity: true); pendingIndex.removeAll(keepingCapacity: true)
        }
        for mutation in mutations {
            if case .upsertRecord(let record) = mutation {
                if let index = pendingIndex[record.key] { pending[index] = record } else {
                    pendingIndex[record.key] = pending.count
                    pending.append(record)
                }
                if pending.count >= recordBatch { try await flush() }
                continue
            }
            try await flush()
            switch mutation {
            case .setWorkflow(let id, let winPhaseId):
                try await connection.query("""
                    UPDATE funnel_state SET workflow_id = \(id), win_phase_id = \(winPhaseId) WHERE namespace = \(namespace)
                    """, logger: logger)
            case .upsertPhase(let phase):
                // A known phase keeps its position; a new one goes last.
                try await connection.query("""
                    INSERT INTO funnel_phase (namespace, phase_id, position, name, stage_id)
                    VALUES (\(namespace), \(phase.phaseId),
                            (SELECT COALESCE(MAX(position), 0) + 1 FROM funnel_phase WHERE namespace = \(namespace)),
                            \(phase.name), \(phase.stageId))
                    ON CONFLICT (namespace, phase_id) DO UPDATE SET name = excluded.name, stage_id = excluded.stage_id
                    """, logger: logger)
            case .removePhase(let phaseId):
                try await connection.query(
                    "DELETE FROM funnel_phase WHERE namespace = \(namespace) AND phase_id = \(phaseId)", logger: logger)
            case .removeRecord(let key):
                try await connection.query("DELETE FROM funnel_record WHERE namespace = \(namespace) AND key = \(key)", logger: logger)
            case .upsertDefinition(let definition):
                try await connection.query("""
                    INSERT INTO funnel_definition (namespace, kind, name, key)
                    VALUES (\(namespace), \(definition.kind.rawValue), \(definition.name), \(definition.key))
                    ON CONFLICT (namespace, kind, name) DO UPDATE SET key = excluded.key
                    """, logger: logger)
            case .upsertRecord:
                break
            }
        }
        try await flush()
    }
}
