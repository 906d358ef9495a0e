public import Foundation

/// The built `funnel` executable, for tests that run it as a user does (in a child process).
/// `swift build --build-tests` puts it next to the test bundle.
public enum FunnelExecutable {
    /// `.build/<config>/funnel`, searched upwards from the running binary; nil when it is not built.
    public static var url: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("funnel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// A child process running `funnel arguments` with `environment` added to this process's, its
    /// stdout and stderr going to these files (files, not pipes: a chatty child never blocks).
    public static func process(_ arguments: [String], environment: [String: String] = [:],
                               stdout: URL, stderr: URL) throws -> Process {
        guard let url else { throw FunnelExecutableError() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        return process
    }

    /// Runs `funnel arguments` to the end; returns its exit status and what it wrote to stdout and stderr.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           in directory: URL) async throws -> (status: Int32, output: String, errors: String) {
        let name = UUID().uuidString
        let out = directory.appendingPathComponent("\(name).out"), err = directory.appendingPathComponent("\(name).err")
        let process = try process(arguments, environment: environment, stdout: out, stderr: err)
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }
}

extension Process {
    /// Waits for the process to end without blocking a cooperative thread (`waitUntilExit` would).
    public func exit() async {
        while isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// Waits at most `limit` until the file `output` (where the process writes) contains `text`;
    /// returns the file's contents then, or at the deadline, or when the process has ended.
    public func output(_ output: URL, containing text: String, within limit: Duration) async -> String {
        let deadline = ContinuousClock.now + limit
        while true {
            let written = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if written.contains(text) || !isRunning || ContinuousClock.now >= deadline { return written }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits at most `limit` for the process to end; past it, kills it (SIGKILL) and returns false.
    public func exit(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        guard isRunning else { return true }
        kill(processIdentifier, SIGKILL)
        await exit()
        return false
    }
}

/// `funnel` was not found next to the running binary.
public struct FunnelExecutableError: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the funnel executable is not built: run `swift build --build-tests` first" }
}
