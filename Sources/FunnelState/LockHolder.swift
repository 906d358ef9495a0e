import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Who a store takes the state lock as: a user name, a host name and a process id.
/// Injected at `open` so tests can play another (or a dead) process.
public struct LockHolder: Sendable, Hashable {
    public var who: String
    public var host: String
    public var pid: Int32

    public init(who: String, host: String, pid: Int32) {
        self.who = who; self.host = host; self.pid = pid
    }

    /// This process: `$USER` (else the passwd entry, else the uid), the host name and `getpid()`.
    public static var current: LockHolder {
        LockHolder(who: currentUserName(), host: currentHostName(), pid: getpid())
    }

    /// Whether `pid` names a live process on this host. Only `ESRCH` means gone: `EPERM` is a
    /// live process of another user.
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }

    static func currentHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func currentUserName() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }
}
