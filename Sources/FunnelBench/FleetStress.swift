import Foundation
import FunnelCore
import FunnelTestSupport
import WixEmulator

/// `funnel-bench fleet --cycles N` (issue #15): many short cycles instead of one long convergence.
/// F funnels of L leads on one sandbox, `serve --funnels DIR` processes on one private PostgreSQL,
/// a short `--interval`, and a churn that rewrites one funnel's CSV every few milliseconds (every
/// lead moves on a stage) so most cycles plan, journal and apply moves. It runs until the processes
/// reported N cycles, then stops them with SIGTERM, and counts:
/// - **hung**: a funnel leased by one worker for `hangAfter` with no cycle of it reported meanwhile
///   (short cycles take well under a second), or a process not exiting within `--stop-timeout` + 10 s
///   of SIGTERM;
/// - **given up**: cycles `--cycle-timeout` gave up on (the serve line says "gave up");
/// - failed cycles (with their messages), the cycle times and the peak number of connections.
struct FleetStress {
    var cycles: Int
    var funnels: Int
    var leads: Int
    var workers: Int
    var processes: Int
    var latency: Int
    var interval: String
    var churn: Duration
    var cycleTimeout: String
    var hangAfter: Duration

    struct Result {
        var cycles = 0
        var applied = 0
        var unchanged = 0
        var failed: [String: Int] = [:]
        var givenUp = 0
        var hung: [String] = []
        var seconds = 0.0
        var cycleSeconds: [Double] = []
        var peakConnections = 0
        var exitSeconds: [Double] = []
        var notExited = 0
        var runsLeftRunning = 0
        var leasesLost = 0

        func percentile(_ fraction: Double) -> Double {
            guard !cycleSeconds.isEmpty else { return 0 }
            let sorted = cycleSeconds.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
        }

        var lines: [String] {
            let failures = failed.values.reduce(0, +)
            var lines = [
                String(format: "%d cycles in %.1f s (%.1f/s): %d applied changes, %d without changes, %d failed, %d given up, %d hung",
                       cycles, seconds, Double(cycles) / max(seconds, 0.001), applied, unchanged, failures, givenUp, hung.count + notExited),
                String(format: "cycle time: median %.2f s, p99 %.2f s, max %.2f s; peak PostgreSQL connections: %d",
                       percentile(0.5), percentile(0.99), cycleSeconds.max() ?? 0, peakConnections),
                "SIGTERM: " + exitSeconds.map { String(format: "exited in %.1f s", $0) }.joined(separator: ", ")
                    + (notExited > 0 ? ", \(notExited) did not exit (killed)" : "")
                    + "; journal runs left running: \(runsLeftRunning); leases lost: \(leasesLost)",
            ]
            for (message, count) in failed.sorted(by: { $0.value > $1.value }).prefix(5) { lines.append("  failed \(count)x: \(message)") }
            for hang in hung { lines.append("  hung: \(hang)") }
            return lines
        }
    }

    static let stages = ["new", "contacted", "qualified", "proposal", "negotiation"]

    func run() async throws -> Result {
        try await PostgresFixture.withDatabase { database in
            try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(latency)))) { sandbox in
                let harnesses = try (1...funnels).map { site in
                    let harness = try FunnelHarness(sandbox: sandbox.site("stress-\(site)"))
                    try write(harness, site: site, turn: 0)
                    return harness
                }
                let root = harnesses[0].directory.appendingPathComponent("fleet")
                let folder = root.appendingPathComponent("funnels")
                try FleetConfigFiles.write(harnesses, into: folder)
                let environment = ["WIX_API_KEY": sandbox.apiKey.revealed, "FUNNEL_STATE_URL": database.revealed]
                let stopTimeout = 10
                let clock = ContinuousClock()
                let start = clock.now
                let children = try ServeProcesses.start(
                    processes, workers: workers, folder: folder, root: root, environment: environment,
                    options: ["--interval", interval, "--lease", "10s", "--cycle-timeout", cycleTimeout, "--stop-timeout", "\(stopTimeout)s"])
                defer { for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) } }
                let outputs = (0..<processes).map { root.appendingPathComponent("serve\($0).out") }
                let churning = Task {
                    var turn = 0
                    while !Task.isCancelled {
                        turn += 1
                        try? write(harnesses[turn % funnels], site: turn % funnels + 1, turn: turn / funnels + 1)
                        try? await Task.sleep(for: churn)
                    }
                }
                defer { churning.cancel() }
                var result = Result()
                var watch = HangWatch(hangAfter: hangAfter)
                let probe = try await FleetQueueProbe.connect(database)
                do {
                    while true {
                        let lines = outputs.flatMap { Self.cycleLines($0) }
                        result.peakConnections = max(result.peakConnections, try await probe.connections())
                        watch.observe(leases: try await probe.leases(), cycles: lines, at: clock.now)
                        if lines.count >= cycles { break }
                        if clock.now - start > .seconds(3 * 3600) { throw StressError("\(lines.count) cycles in 3 hours") }
                        try await Task.sleep(for: .milliseconds(500))
                    }
                } catch {
                    await probe.close()
                    throw error
                }
                result.seconds = Self.seconds(clock.now - start)
                churning.cancel()
                for child in children { child.terminate() }
                for child in children {
                    let asked = clock.now
                    if await child.exit(within: .seconds(stopTimeout + 10)) {
                        result.exitSeconds.append(Self.seconds(clock.now - asked))
                    } else {
                        result.notExited += 1
                    }
                }
                result.runsLeftRunning = (try? await probe.runningJournalRuns()) ?? -1
                await probe.close()
                for index in 0..<processes {
                    let errors = (try? String(contentsOf: root.appendingPathComponent("serve\(index).err"), encoding: .utf8)) ?? ""
                    result.leasesLost += errors.components(separatedBy: "lease lost").count - 1
                }
                for line in outputs.flatMap({ Self.cycleLines($0) }) {
                    result.cycles += 1
                    if let seconds = Self.seconds(in: line) { result.cycleSeconds.append(seconds) }
                    if line.contains("gave up") { result.givenUp += 1 }
                    if let range = line.range(of: ": failed: ") {
                        let message = String(line[range.upperBound...].prefix { $0 != ";" })
                        result.failed[message.replacingOccurrences(of: #"\d+(\.\d+)?"#, with: "N", options: .regularExpression), default: 0] += 1
                    } else if line.contains("no changes") {
                        result.unchanged += 1
                    } else {
                        result.applied += 1
                    }
                }
                result.hung = watch.hung
                return result
            }
        }
    }

    /// The funnel's CSV at `turn`: every lead one stage further than at the previous turn.
    private func write(_ harness: FunnelHarness, site: Int, turn: Int) throws {
        try harness.writeLeads((0..<leads).map { lead in
            ("L-\(lead)", "First\(lead)", "Site\(site)", "lead\(lead)@site\(site).example.com",
             Self.stages[(lead + turn) % Self.stages.count])
        })
    }

    /// The cycle lines (`NAME: cycle N (...)…`) a serve process printed so far.
    static func cycleLines(_ output: URL) -> [Substring] {
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains(": cycle ") }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The duration a cycle line reports (`… in 0.42 s`).
    static func seconds(in line: Substring) -> Double? {
        guard let range = line.range(of: #" in (\d+\.\d+) s"#, options: .regularExpression) else { return nil }
        return Double(line[range].dropFirst(4).dropLast(2))
    }
}
