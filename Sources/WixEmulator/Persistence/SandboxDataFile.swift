#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The `--data PATH` file: every site the sandbox holds, as one JSON document.
/// Writes go to a temporary file in the same directory, are flushed to disk, then renamed over
/// the old file, so a crash leaves either the old or the new document, never a torn one.
struct SandboxDataFile: Sendable {
    /// The on-disk document.
    struct Document: Codable {
        var format = "funnel-sandbox"
        var version = 1
        var sites: [String: SiteState]
    }

    let path: String

    /// The sites in the file; an absent file is an empty sandbox.
    func load() throws -> [String: SiteState] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.isEmpty { return [:] }
        let document = try JSONDecoder().decode(Document.self, from: data)
        guard document.format == "funnel-sandbox", document.version == 1 else {
            throw SandboxDataError(path: path, reason: "not a funnel sandbox data file (version 1)")
        }
        return document.sites
    }

    /// Takes an exclusive lock on `PATH.lock` for as long as the returned descriptor stays open, so a
    /// second sandbox (in this process or another) cannot interleave its writes with ours.
    func lock() throws -> Int32 {
        let lockPath = path + ".lock"
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

    func save(_ sites: [String: SiteState]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Document(sites: sites))
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SandboxDataError(path: temporary, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); return }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SandboxDataError(path: path, reason: failure)
        }
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
