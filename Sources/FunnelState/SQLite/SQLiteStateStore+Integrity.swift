import GRDB

extension SQLiteStateStore {
    /// SQLite's own check of the file (`PRAGMA integrity_check`): the problems it finds, or an
    /// empty list when the database is sound.
    public func checkIntegrity() throws -> [String] {
        let lines = try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return lines == ["ok"] ? [] : lines
    }
}
