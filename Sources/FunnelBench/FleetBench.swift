import ArgumentParser
import Foundation
import FunnelCore
import FunnelTestSupport
import WixEmulator

/// `funnel-bench fleet` (issue #10): F funnels on F sandbox sites, each site rate-limited to R
/// requests per minute, L new leads each, served by real `funnel serve --funnels DIR` processes
/// sharing one PostgreSQL: wall time until every funnel converged with 1, 2, 4, 8 workers, in one
/// and in two processes; and the per-site 429s (the limit must never be exceeded).
struct FleetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fleet",
                                                    abstract: "Many funnels: wall time with 1/2/4/8 workers in one and two serve processes.")

    @Option(help: "Funnels (one sandbox site each).") var funnels = 50
    @Option(help: "New leads per funnel.") var leads = 100
    @Option(help: "Requests per minute per site (the sandbox enforces it; funnel paces itself to it).") var rate = 200
    @Option(help: "Sandbox latency per request, ms.") var latency = 10
    @Option(help: "Worker counts to run, comma-separated.") var workers = "1,2,4,8"
    @Option(help: "Process counts to run, comma-separated (workers are split between them).") var processes = "1,2"
    @Option(help: "Stress run: stop after this many cycles of short funnels whose CSVs keep changing (the first --workers and --processes values).")
    var cycles: Int?
    @Option(help: "Stress run: serve's --interval.") var interval = "300ms"
    @Option(help: "Stress run: one funnel's CSV is rewritten this often, ms (every lead moves on a stage).") var churn = 50
    @Option(help: "Stress run: serve's --cycle-timeout.") var cycleTimeout = "60s"
    @Option(help: "Stress run: a funnel leased this long, s, with no cycle of it reported counts as hung.") var hangAfter = 20

    func run() async throws {
        guard FunnelExecutable.url != nil else {
            throw ValidationError("the funnel executable is not built next to funnel-bench: run `swift build -c release` first")
        }
        if let cycles { return try await stress(cycles) }
        print("fleet: \(funnels) funnels x \(leads) new leads, \(rate) requests/min per site, latency \(latency) ms")
        var baseline: Double?
        for processCount in processes.split(separator: ",").compactMap({ Int($0) }) {
            for workerCount in workers.split(separator: ",").compactMap({ Int($0) }) where workerCount >= processCount {
                let result = try await measure(workers: workerCount, processes: processCount)
                if baseline == nil { baseline = result.seconds }
                print(String(format: "%d process%@, %d workers: %.1f s (%.2fx the first run), %d requests, %d answered 429, %.0f requests/min per site on average",
                             processCount, processCount == 1 ? "" : "es", workerCount, result.seconds, baseline! / result.seconds,
                             result.requests, result.throttled, result.perSitePerMinute))
            }
        }
    }

    private func stress(_ cycles: Int) async throws {
        let workers = Int(workers.split(separator: ",").first ?? "") ?? 8
        let processes = Int(processes.split(separator: ",").first ?? "") ?? 2
        print("fleet stress: \(cycles) cycles, \(funnels) funnels x \(leads) leads, \(workers) workers in \(processes) process(es), "
              + "--interval \(interval), a CSV rewritten every \(churn) ms, latency \(latency) ms, --cycle-timeout \(cycleTimeout)")
        let result = try await FleetStress(cycles: cycles, funnels: funnels, leads: leads, workers: workers, processes: processes,
                                           latency: latency, interval: interval, churn: .milliseconds(churn),
                                           cycleTimeout: cycleTimeout, hangAfter: .seconds(hangAfter)).run()
        for line in result.lines { print(line) }
        if !result.hung.isEmpty || result.notExited > 0 || result.givenUp > 0 || result.runsLeftRunning > 0 { throw ExitCode(1) }
    }

    struct Result {
        var seconds: Double
        var requests: Int
        var throttled: Int
        var perSitePerMinute: Double
    }

    private func measure(workers: Int, processes: Int) async throws -> Result {
        try await PostgresFixture.withDatabase { database in
            try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(latency)), rateLimitPerMinute: rate)) { sandbox in
                let harnesses = try (1...funnels).map { site in
                    let harness = try FunnelHarness(sandbox: sandbox.site("bench-\(site)"))
                    try harness.writeLeads((0..<leads).map { lead in
                        ("L-\(lead)", "First\(lead)", "Site\(site)", "lead\(lead)@site\(site).example.com",
                         ["new", "contacted", "qualified", "proposal", "negotiation"][lead % 5])
                    })
                    return harness
                }
                let root = harnesses[0].directory.appendingPathComponent("fleet")
                let folder = root.appendingPathComponent("funnels")
                try FleetConfigFiles.write(harnesses, rate: rate, into: folder)
                let environment = ["WIX_API_KEY": sandbox.apiKey.revealed, "FUNNEL_STATE_URL": database.revealed]
                let clock = ContinuousClock()
                let start = clock.now
                let children = try ServeProcesses.start(processes, workers: workers, folder: folder, root: root,
                                                        environment: environment, options: ["--interval", "1h"])
                defer { for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) } }
                let expected = funnels * leads
                while true {
                    let boards = await sandbox.server.boards()
                    let cards = boards.flatMap(\.workflows).flatMap(\.phases).map(\.cards.count).reduce(0, +)
                    if cards >= expected { break }
                    if clock.now - start > .seconds(3 * 3600) { throw ValidationError("did not converge in 3 hours") }
                    try await Task.sleep(for: .milliseconds(250))
                }
                let elapsed = clock.now - start
                for child in children { child.terminate(); child.waitUntilExit() }
                let stats = try await sandbox.stats()
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let perSite = Double(stats.totalRequests) / Double(max(funnels, 1))
                return Result(seconds: seconds, requests: stats.totalRequests, throttled: stats.rateLimited,
                              perSitePerMinute: perSite / (seconds / 60))
            }
        }
    }
}
