import FunnelCore

/// `funnel state migrate --to URL`: copies a local SQLite state (lineage, serial, workflow, phases,
/// records and the journal runs it keeps) into a PostgreSQL namespace, then reads it back and
/// compares. Both locks are held while copying.
public enum StateMigration {
    /// What was copied.
    public struct Report: Sendable, Hashable {
        public var lineage: String
        public var serial: Int
        public var phases: Int
        public var records: Int
        public var journalRuns: Int
        /// Whether the target already held this lineage (a repeated migration).
        public var replacedSameLineage: Bool
    }

    /// Why a migration was refused or failed its check.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The target namespace already holds another state.
        case differentLineage(target: String, targetLineage: String, sourceLineage: String)
        /// What was read back differs from what was copied.
        case verificationFailed(String)

        public var description: String {
            switch self {
            case .differentLineage(let target, let targetLineage, let sourceLineage):
                return "refusing to migrate: \(target) already holds another state (lineage \(targetLineage), "
                    + "not \(sourceLineage)); choose another namespace (--namespace) or empty it first"
            case .verificationFailed(let what):
                return "the copy does not match the source: \(what)"
            }
        }
    }

    /// Copies `source` into `target`. A target namespace that is empty, or holds the same lineage,
    /// is (re)written; one holding another lineage is refused.
    /// - Throws: `Failure`, `StateLockError` when either state is locked, `StateStoreError`.
    public static func copy(from source: SQLiteStateStore, to target: PostgresStateStore) async throws -> Report {
        try await source.withLock(operation: "state migrate") { _ in
            try await target.withLock(operation: "state migrate") { _ in
                try await copyLocked(from: source, to: target)
            }
        }
    }

    private static func copyLocked(from source: SQLiteStateStore, to target: PostgresStateStore) async throws -> Report {
        let snapshot = try source.snapshot()
        let runs = try source.journalRuns()
        let existing = try await target.snapshot()
        let same = existing.lineage == snapshot.lineage
        let empty = try await target.isEmpty()
        guard same || empty else {
            throw Failure.differentLineage(target: target.location, targetLineage: existing.lineage, sourceLineage: snapshot.lineage)
        }
        try await target.replace(with: snapshot, runs: runs)
        let copied = try await target.snapshot()
        guard copied == snapshot else {
            throw Failure.verificationFailed("the snapshot read back differs (\(copied.records.count) records, "
                                             + "\(snapshot.records.count) expected)")
        }
        for run in runs {
            guard try await target.journalRun(id: run.id) == run else {
                throw Failure.verificationFailed("journal run \(run.id) differs")
            }
        }
        return Report(lineage: snapshot.lineage, serial: snapshot.serial, phases: snapshot.phases.count,
                      records: snapshot.records.count, journalRuns: runs.count, replacedSameLineage: same)
    }
}
