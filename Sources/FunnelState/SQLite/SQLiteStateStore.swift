import Foundation
public import FunnelCore
import GRDB

/// funnel's state on SQLite (GRDB): the snapshot funnel remembers between runs, the apply journal
/// and the one-writer lock, in one file (`.funnel/state.db` by default).
///
/// Crash safety: every write is one SQLite transaction in WAL mode with `synchronous = FULL`, so a
/// committed transaction survives a kill -9 or a power cut and an interrupted one leaves no trace.
/// Several store instances (and processes) may share one file; the state lock serialises writers.
public final class SQLiteStateStore: Sendable {
    /// The database file.
    public let path: String
    /// Who this store takes the lock as.
    public let holder: LockHolder
    let database: DatabasePool
    /// Journal step records, group-committed.
    let journalWriter: GroupCommit

    private init(path: String, holder: LockHolder, database: DatabasePool) {
        self.path = path; self.holder = holder; self.database = database
        self.journalWriter = GroupCommit(database: database)
    }

    /// Opens (and, unless `createIfMissing` is false, creates) the state at `path`: creates the
    /// parent directories, switches to WAL, and migrates the schema. A new file gets its
    /// `lineage` (a random UUID) once, in the migration that creates it.
    /// - Throws: `StateStoreError` (`missing`, `unreadable`, `damaged`, `newerVersion`, `cannotCreateDirectory`).
    public static func open(path: String, createIfMissing: Bool = true,
                            holder: LockHolder = .current) throws -> SQLiteStateStore {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: path) {
            guard createIfMissing else { throw StateStoreError.missing(path: path) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw StateStoreError.cannotCreateDirectory(path: directory, reason: error.localizedDescription)
                }
            }
        }
        let database: DatabasePool
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try migrate(database, path: path)
        } catch let error as DatabaseError {
            throw StateStoreError(error, path: path)
        }
        return SQLiteStateStore(path: path, holder: holder, database: database)
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "funnel-state"
        // Writers wait for each other's (short) transactions instead of failing with SQLITE_BUSY.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL: a commit is on disk before `save`/`markStarted` returns, so the journal never
            // forgets a step that reached Wix, even on power loss (see docs/state.md).
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    private static func migrate(_ database: DatabasePool, path: String) throws {
        let migrator = StateSchema.migrator
        if try database.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StateStoreError.newerVersion(path: path)
        }
        do {
            try migrator.migrate(database)
        } catch {
            // Two processes creating the same new file at once: the loser sees the winner's
            // tables; migrating again finds every migration applied.
            try migrator.migrate(database)
        }
    }

    /// Everything funnel remembers, read in one consistent (snapshot-isolated) transaction.
    public func snapshot() throws -> StateSnapshot {
        do {
            return try readSnapshot()
        } catch let error as DatabaseError {
            // Damage in a table the schema check did not touch shows only here.
            throw StateStoreError(error, path: path)
        }
    }

    private func readSnapshot() throws -> StateSnapshot {
        try database.read { db in
            guard let state = try Row.fetchOne(db, sql: "SELECT lineage, serial, workflow_id, win_phase_id FROM state WHERE slot = 1") else {
                throw StateStoreError.unreadable(path: path, reason: "the state row is missing")
            }
            let phases = try Row.fetchAll(db, sql: "SELECT phase_id, name, stage_id FROM phase ORDER BY position").map {
                PhaseState(phaseId: $0[0], name: $0[1], stageId: $0[2])
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0
            var records = [String: RecordState](minimumCapacity: count)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(RecordColumns.list) FROM record")
            while let row = try rows.next() {
                let record = RecordColumns.record(from: row)
                records[record.key] = record
            }
            let definitions = try Row.fetchAll(db, sql: "SELECT kind, name, key FROM definition ORDER BY kind, name").compactMap { row in
                DefinitionKind(rawValue: row[0]).map { DefinitionState(kind: $0, name: row[1], key: row[2]) }
            }
            return StateSnapshot(lineage: state[0], serial: state[1], workflowId: state[2], winPhaseId: state[3],
                                 phases: phases, records: records, definitions: definitions)
        }
    }

    /// Applies `mutations` in order, in one transaction: all of them or none.
    public func save(_ mutations: [StateMutation]) throws {
        try database.write { db in try Self.apply(mutations, in: db) }
    }

    /// Increments `serial` (an apply that wrote something) and returns the new value.
    @discardableResult
    public func bumpSerial() throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE state SET serial = serial + 1 WHERE slot = 1")
            return try Int.fetchOne(db, sql: "SELECT serial FROM state WHERE slot = 1") ?? 0
        }
    }

    /// The current time as ISO-8601 (UTC), for journal and lock timestamps.
    static func now() -> String { Date.now.formatted(.iso8601) }
}
