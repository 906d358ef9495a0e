import Foundation
import FunnelCore
import FunnelState
import PostgresNIO
import Glibc

/// The one server of this test process.
actor PostgresServer {
    static let shared = PostgresServer()

    private var started: Task<PostgresStateURL, any Error>?

    func url() async throws -> PostgresStateURL {
        if let started { return try await started.value }
        // initdb and pg_ctl block for seconds: on a thread of their own, not one of the (two, on this
        // machine) cooperative threads every other test shares.
        let task = Task {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Result { try Self.start() }) }
            }
        }
        started = task
        return try await task.value
    }

    /// The data directory of the private server, stopped at exit.
    nonisolated(unsafe) private static var dataDirectory: String?

    private static func start() throws -> PostgresStateURL {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["FUNNEL_TEST_POSTGRES_URL"] { return try PostgresStateURL(parsing: text) }
        guard let initdb = PostgresFixture.initdbPath else {
            throw FixtureError("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql), "
                               + "and FUNNEL_TEST_POSTGRES_URL is not set")
        }
        let bin = (initdb as NSString).deletingLastPathComponent
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-pg-\(UUID().uuidString.prefix(8))").path
        let data = root + "/data"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let asPostgres = getuid() == 0
        if asPostgres {
            guard let entry = getpwnam("postgres") else { throw FixtureError("running as root, but there is no postgres user to run PostgreSQL as") }
            chown(root, entry.pointee.pw_uid, entry.pointee.pw_gid)
        }
        let log = root + "/setup.log"
        try run(bin + "/initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asPostgres: asPostgres,
                output: log)
        // The first matching line wins: the password role must prove its password, everyone else is trusted.
        let hba = data + "/pg_hba.conf"
        let rules = (try? String(contentsOfFile: hba, encoding: .utf8)) ?? ""
        try ("host all \(PostgresFixture.passwordRole) 127.0.0.1/32 scram-sha-256\n" + rules)
            .write(toFile: hba, atomically: false, encoding: .utf8)
        let port = try freePort()
        // fsync off keeps tests fast; a benchmark sets FUNNEL_TEST_POSTGRES_FSYNC=on to measure durable commits.
        let fsync = environment["FUNNEL_TEST_POSTGRES_FSYNC"] == "on" ? "on" : "off"
        let options = "-p \(port) -k \(root) -c listen_addresses=127.0.0.1 -c fsync=\(fsync) -c max_connections=200"
        try run(bin + "/pg_ctl", ["-D", data, "-l", root + "/server.log", "-w", "-t", "60", "-o", options, "start"], asPostgres: asPostgres,
                output: log)
        dataDirectory = data
        try watchdog(parent: getpid(), bin: bin, data: data, root: root, asPostgres: asPostgres)
        atexit {
            guard let data = PostgresServer.dataDirectory, let initdb = PostgresFixture.initdbPath else { return }
            let bin = (initdb as NSString).deletingLastPathComponent
            try? PostgresServer.run(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "stop"], asPostgres: getuid() == 0,
                                    output: "/dev/null")
            try? FileManager.default.removeItem(atPath: (data as NSString).deletingLastPathComponent)
        }
        return PostgresStateURL(user: "postgres", password: nil, host: "127.0.0.1", port: port, database: "postgres")
    }

    /// Starts a shell that stops the server once this process is gone, however it ended (a test
    /// run killed by a timeout runs no `atexit`).
    private static func watchdog(parent: pid_t, bin: String, data: String, root: String, asPostgres: Bool) throws {
        let stop = (asPostgres ? "/usr/sbin/runuser -u postgres -- " : "") + "'\(bin)/pg_ctl' -D '\(data)' -m immediate stop"
        let script = "while kill -0 \(parent) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(root)'"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_RDWR, 0) }
        // `setsid`: a session of its own, so a `timeout` that kills the test's process group spares it.
        let words: [String] = ["/usr/bin/setsid", "/bin/sh", "-c", script]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/setsid", &actions, nil, arguments, environ) == 0 else {
            throw FixtureError("cannot start the server's watchdog")
        }
    }

    /// Runs a PostgreSQL program (as `postgres` via `runuser` when we are root), its output into
    /// `output`; fails with that output. (posix_spawn + waitpid: Foundation's `Process` can miss the
    /// exit of a program that starts a daemon.)
    static func run(_ program: String, _ arguments: [String], asPostgres: Bool, output: String) throws {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments : [program] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw FixtureError("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw FixtureError("\((program as NSString).lastPathComponent) failed (status \(status)):\n\(text.suffix(2_000))")
        }
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw FixtureError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
