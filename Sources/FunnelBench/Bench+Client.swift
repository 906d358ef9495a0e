import ArgumentParser
import Foundation
import FunnelTestSupport
import WixAPI
import WixEmulator

/// `funnel-bench client`: the Wix client's two figures (benchmarks/client.md).
///
/// (a) Against a sandbox limited to R requests per minute, a burst of concurrent calls is paced
///     by the client's limiter: the achieved rate and the 429s seen, at the wire and at the caller.
/// (b) Against an unlimited sandbox with a fixed latency, the requests per second of 8
///     concurrent callers over 1.
struct ClientBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Wix client: rate-limited burst, and concurrency speed-up.")

    @Option(help: "Sandbox rate limit R, requests per minute.")
    var rate = 600

    @Option(help: "Calls in the burst (default 1.5 × R, so it spans two rate windows).")
    var calls: Int?

    @Option(help: "Concurrent callers in the burst.")
    var burstConcurrency = 32

    @Option(help: "Sandbox latency in milliseconds for the concurrency run.")
    var latency = 20

    @Option(help: "Seconds each side of the concurrency run lasts.")
    var seconds = 5.0

    @Flag(help: "Run only the concurrency part (b).")
    var concurrencyOnly = false

    func run() async throws {
        if !concurrencyOnly {
            try await rateLimitedBurst()
        }
        try await concurrencySpeedUp()
    }

    private func rateLimitedBurst() async throws {
        let total = calls ?? rate * 3 / 2
        try await withEmulator(EmulatorOptions(rateLimitPerMinute: rate)) { sandbox in
            var configuration = WixClientConfiguration.sandbox(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId)
            configuration.requestsPerMinute = rate
            let setup = WixClient(configuration: .sandbox(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
            // One request of the sandbox's first window goes to the setup; the limiter's headroom covers it.
            let id = try await setup.createWorkflow(name: "Bench", description: "")
            await sandbox.resetStats()

            let client = WixClient(configuration: configuration)
            let started = ContinuousClock.now
            let failures = try await Self.run(total: total, concurrency: burstConcurrency) {
                _ = try await client.getWorkflow(id: id, cardsPerPhase: 0)
            }
            let elapsed = ContinuousClock.now - started
            let stats = client.statistics
            let server = try await sandbox.stats()
            let achieved = Double(total - failures) / elapsed.seconds * 60
            print("""
                (a) rate-limited burst: R = \(rate)/min, \(total) calls, \(burstConcurrency) concurrent callers
                    elapsed \(String(format: "%.1f", elapsed.seconds)) s, achieved \(String(format: "%.0f", achieved))/min \
                = \(String(format: "%.1f", achieved / Double(rate) * 100)) % of R
                    429 at the wire: \(server.rateLimited) (client saw \(stats.rateLimited)), \
                failed calls at the caller: \(failures), client: \(stats)
                """)
        }
    }

    private func concurrencySpeedUp() async throws {
        let options = EmulatorOptions(latency: .milliseconds(latency))
        try await withEmulator(options) { sandbox in
            let client = WixClient(configuration: .sandbox(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
            let id = try await client.createWorkflow(name: "Bench", description: "")
            var rates: [Int: Double] = [:]
            for callers in [1, 8] {
                let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
                let started = ContinuousClock.now
                let completed = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<callers {
                        group.addTask {
                            var done = 0
                            while ContinuousClock.now < deadline {
                                _ = try await client.getWorkflow(id: id, cardsPerPhase: 0)
                                done += 1
                            }
                            return done
                        }
                    }
                    return try await group.reduce(0, +)
                }
                rates[callers] = Double(completed) / (ContinuousClock.now - started).seconds
            }
            let one = rates[1] ?? 0, eight = rates[8] ?? 0
            print("""
                (b) \(latency) ms sandbox latency, \(seconds) s per side: 1 caller \(String(format: "%.1f", one)) req/s, \
                8 callers \(String(format: "%.1f", eight)) req/s, ratio \(String(format: "%.2f", eight / max(one, 0.001)))×
                """)
        }
    }

    /// Runs `total` calls with at most `concurrency` in flight; returns how many threw.
    private static func run(
        total: Int, concurrency: Int, _ call: @escaping @Sendable () async throws -> Void
    ) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            var issued = 0
            var failures = 0
            func add() {
                group.addTask {
                    do { try await call(); return 0 } catch { return 1 }
                }
                issued += 1
            }
            while issued < min(concurrency, total) { add() }
            while let failed = try await group.next() {
                failures += failed
                if issued < total { add() }
            }
            return failures
        }
    }
}

private extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
