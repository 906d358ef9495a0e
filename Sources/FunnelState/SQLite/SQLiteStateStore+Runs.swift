import GRDB

extension SQLiteStateStore {
    /// Every run the journal keeps, oldest first (what `state migrate` copies).
    public func journalRuns() throws -> [JournalRun] {
        let ids = try database.read { db in try String.fetchAll(db, sql: "SELECT id FROM journal_run ORDER BY seq") }
        return try ids.compactMap { try journalRun(id: $0) }
    }
}
