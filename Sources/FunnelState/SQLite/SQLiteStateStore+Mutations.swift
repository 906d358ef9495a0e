import FunnelCore
import GRDB

extension SQLiteStateStore {
    /// Applies mutations inside the caller's transaction, with cached (prepared once) statements.
    static func apply(_ mutations: [StateMutation], in db: Database) throws {
        for mutation in mutations {
            switch mutation {
            case .setWorkflow(let id, let winPhaseId):
                try db.cachedStatement(sql: "UPDATE state SET workflow_id = ?, win_phase_id = ? WHERE slot = 1")
                    .execute(arguments: [id, winPhaseId])
            case .upsertPhase(let phase):
                // A known phase keeps its position; a new one goes last.
                try db.cachedStatement(sql: """
                    INSERT INTO phase (phase_id, position, name, stage_id)
                    VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM phase), ?, ?)
                    ON CONFLICT (phase_id) DO UPDATE SET name = excluded.name, stage_id = excluded.stage_id
                    """).execute(arguments: [phase.phaseId, phase.name, phase.stageId])
            case .removePhase(let phaseId):
                try db.cachedStatement(sql: "DELETE FROM phase WHERE phase_id = ?").execute(arguments: [phaseId])
            case .upsertRecord(let record):
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO record (\(RecordColumns.list)) VALUES (\(RecordColumns.placeholders))")
                    .execute(arguments: RecordColumns.arguments(for: record))
            case .removeRecord(let key):
                try db.cachedStatement(sql: "DELETE FROM record WHERE key = ?").execute(arguments: [key])
            case .upsertDefinition(let definition):
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO definition (kind, name, key) VALUES (?, ?, ?)")
                    .execute(arguments: [definition.kind.rawValue, definition.name, definition.key])
            }
        }
    }
}
