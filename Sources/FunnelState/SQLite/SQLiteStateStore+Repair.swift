public import Foundation
import GRDB

extension StateStoreError {
    /// A SQLite error on a state file: `damaged` when the file is corrupt or not a database,
    /// `unreadable` otherwise (permissions, a lock: moving the file aside would not help).
    init(_ error: DatabaseError, path: String) {
        let reason = error.message ?? error.description
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(path: path, reason: reason)
        default: self = .unreadable(path: path, reason: reason)
        }
    }
}

extension SQLiteStateStore {
    /// How a state file looks before a repair.
    public enum Health: Sendable, Hashable {
        case missing
        case sound
        /// Damaged: what SQLite said (a refused open, or `PRAGMA integrity_check`'s findings).
        case damaged(String)
    }

    /// Opens the file read-only in spirit (no lock, no write) and runs SQLite's integrity check.
    /// - Throws: `StateStoreError.unreadable` when SQLite refuses it for another reason than damage.
    public static func health(path: String) throws -> Health {
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        do {
            let store = try open(path: path, createIfMissing: false)
            let problems = try store.checkIntegrity()
            _ = try store.snapshot()
            return problems.isEmpty ? .sound : .damaged(problems.prefix(3).joined(separator: "; "))
        } catch StateStoreError.damaged(_, let reason) {
            return .damaged(reason)
        } catch let error as DatabaseError {
            let mapped = StateStoreError(error, path: path)
            guard case .damaged(_, let reason) = mapped else { throw mapped }
            return .damaged(reason)
        }
    }

    /// Moves the state file and its SQLite sidecars (`-wal`, `-shm`) aside to
    /// `PATH.damaged-20261202T071500Z` (a suffix is added if that exists); never deletes anything.
    /// - Returns: the new path of the database file.
    public static func moveAside(path: String, at date: Date = Date()) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let fileManager = FileManager.default
        var target = "\(path).damaged-\(formatter.string(from: date))"
        var counter = 1
        while fileManager.fileExists(atPath: target) {
            counter += 1
            target = "\(path).damaged-\(formatter.string(from: date))-\(counter)"
        }
        // The sidecars first: a database file without its WAL would lose committed pages, and the
        // moved-aside copy should stay as complete as it was.
        for suffix in ["-wal", "-shm"] where fileManager.fileExists(atPath: path + suffix) {
            try fileManager.moveItem(atPath: path + suffix, toPath: target + suffix)
        }
        try fileManager.moveItem(atPath: path, toPath: target)
        return target
    }
}
