#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif
import Foundation

/// Where `--data PATH` (and `wix.sandbox: PATH`) keeps the sandbox, and the lock that gives it one owner.
///
/// The sites live in a SQLite database next to `PATH`: `sandbox.json` → `sandbox.sqlite`; a path
/// ending in `.sqlite`, `.sqlite3` or `.db` is the database itself; any other path gets `.sqlite`
/// appended. `PATH` itself, when it holds the JSON document earlier versions rewrote after every write
/// (`{"format": "funnel-sandbox", "version": 1, …}`), is read once, copied into a new database, and
/// renamed `PATH.migrated`.
struct SandboxDataFile: Sendable {
    /// The legacy JSON document (version 1).
    struct Document: Codable {
        var format = "funnel-sandbox"
        var version = 1
        var sites: [String: SiteState]
    }

    /// The path as the user gave it.
    let path: String
    /// The SQLite database holding the sites.
    let databasePath: String
    /// Where a JSON document from an earlier version may be; `nil` when `path` names a database.
    let legacyPath: String?

    init(path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        switch url.pathExtension.lowercased() {
        case "sqlite", "sqlite3", "db":
            databasePath = path
            legacyPath = nil
        case "json":
            databasePath = url.deletingPathExtension().appendingPathExtension("sqlite").path
            legacyPath = path
        default:
            databasePath = path + ".sqlite"
            legacyPath = path
        }
    }

    /// Where the legacy document goes once it has been copied into the database.
    var migratedPath: String? { legacyPath.map { $0 + ".migrated" } }

    /// The sites in the legacy JSON document; `nil` when there is none (an empty file is an empty sandbox).
    func loadLegacy() throws -> [String: SiteState]? {
        guard let legacyPath, FileManager.default.fileExists(atPath: legacyPath) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: legacyPath))
        if data.isEmpty { return [:] }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw SandboxDataError(path: legacyPath, reason: "not a funnel sandbox data file (\(error))")
        }
        guard document.format == "funnel-sandbox", document.version == 1 else {
            throw SandboxDataError(path: legacyPath, reason: "not a funnel sandbox data file (version 1)")
        }
        return document.sites
    }

    /// Renames the legacy document `PATH.migrated` once the database holds its sites, so it is never read again.
    func retireLegacy() throws {
        guard let legacyPath, let migratedPath, FileManager.default.fileExists(atPath: legacyPath) else { return }
        guard rename(legacyPath, migratedPath) == 0 else {
            throw SandboxDataError(path: legacyPath, reason: "migrated, but could not be renamed: \(String(cString: strerror(errno)))")
        }
    }

    /// Takes an exclusive lock on `DATABASE.lock` for as long as the returned descriptor stays open, so a
    /// second sandbox (in this process or another) cannot interleave its writes with ours.
    func lock() throws -> Int32 {
        let lockPath = databasePath + ".lock"
        let directory = URL(fileURLWithPath: lockPath).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)  // CLOEXEC: a child process must not inherit (and keep) the lock
        guard fd >= 0 else { throw SandboxDataError(path: lockPath, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SandboxDataError(path: path, reason: "in use by another sandbox (funnel sandbox serve, or a wix.sandbox run)")
        }
        return fd
    }
}

/// The data file could not be read or written.
public struct SandboxDataError: Error, Sendable, CustomStringConvertible {
    /// The file concerned.
    public let path: String
    /// What went wrong.
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
