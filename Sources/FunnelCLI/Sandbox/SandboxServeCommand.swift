import ArgumentParser
import Foundation
import FunnelCore
import WixEmulator

/// `funnel sandbox serve`: serves the sandbox over HTTP until SIGINT/SIGTERM.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Wix sandbox over HTTP (Workflows v1, Contacts v4).",
        discussion: "The first line on stdout is `listening on http://HOST:PORT`. Stop it with Ctrl-C or SIGTERM."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(help: "Keep the sandbox's sites on disk: sandbox.json → the SQLite file sandbox.sqlite beside it (loaded on start, each write saved before it is answered; an older JSON data file is migrated).")
    var data: String?

    @Option(help: "Delay every API request by this many milliseconds.")
    var latency = 0

    @Option(help: "Add a random delay of up to this many milliseconds.")
    var jitter = 0

    @Option(name: .customLong("fault-rate"), help: "Fraction (0-1) of API requests answered 503.")
    var faultRate = 0.0

    @Option(name: .customLong("drop-rate"), help: "Fraction (0-1) of API requests whose connection is dropped.")
    var dropRate = 0.0

    @Option(name: .customLong("commit-then-fail-rate"), help: "Fraction (0-1) of writes that commit but answer 504.")
    var commitThenFailRate = 0.0

    @Option(name: .customLong("throttle-rate"), help: "Fraction (0-1) of API requests refused with 429 and Retry-After: 1.")
    var throttleRate = 0.0

    @Option(name: .customLong("rate-limit"), help: "Requests per site per minute before 429 (Wix: 200).")
    var rateLimit: Int?

    @Option(help: "Seed for the faults and the jitter.")
    var seed: UInt64 = 0

    @Option(name: .customLong("variant"), help: ArgumentHelp(
        "Play other readings of the Wix docs: ID[,ID…] or all (repeatable). IDs: "
            + SandboxVariant.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "ID[,ID…]"))
    var variant: [String] = []

    /// `--variant` values as variants (checked in `validate()`).
    var variants: Set<SandboxVariant> {
        Set(variant.flatMap { (try? SandboxVariant.parse($0)) ?? [] })
    }

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        for (name, rate) in [("--fault-rate", faultRate), ("--drop-rate", dropRate), ("--commit-then-fail-rate", commitThenFailRate),
                             ("--throttle-rate", throttleRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        guard latency >= 0, jitter >= 0 else { throw ValidationError("--latency and --jitter must be at least 0") }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1, got \(rateLimit)") }
        for value in variant {
            do { _ = try SandboxVariant.parse(value) } catch { throw ValidationError("--variant: \(error)") }
        }
    }

    var options: EmulatorOptions {
        var options = EmulatorOptions(
            latency: .milliseconds(latency), jitter: .milliseconds(jitter), faultRate: faultRate,
            rateLimitPerMinute: rateLimit, dropRate: dropRate, commitThenFailRate: commitThenFailRate, seed: seed,
            dataPath: data, variants: variants, stopOnSignals: true)
        options.throttleRate = throttleRate
        return options
    }

    func run() async throws {
        let server = try await EmulatorServer.start(host: host, port: port, options: options)
        print("listening on \(server.baseURL)")
        fflush(nil)  // the line must reach a pipe now, not when the buffer fills
        try await server.waitUntilStopped()
    }
}
