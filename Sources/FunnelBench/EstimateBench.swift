import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Synchronization
import WixAPI
import WixEmulator

/// `funnel-bench estimate`: the plan's apply estimate against the apply's actual time, at several
/// sandbox latencies and with a rate limit (issue #15: within ±30 %). Each run is what a user sees
/// the second time: one apply of `--leads` leads first (so the state remembers apply's CPU per call),
/// then `--leads` new leads planned and applied, timed from the approval.
struct EstimateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate", abstract: "Plan's apply estimate vs the apply's actual time (latency, rate limit).")

    @Option(help: "Leads of the first apply, then as many new leads in the measured one.") var leads = 1_000
    @Option(parsing: .upToNextOption, help: "Sandbox latencies, ms.") var latencies = [0, 20, 100]
    @Option(help: "Steps applied at once.") var parallelism = 8
    @Option(help: "Requests per minute for the rate-limited run (0 = skip).") var rateLimit = 600
    @Option(help: "Leads for the rate-limited run (first apply and measured apply each).") var rateLimitedLeads = 150

    func run() async throws {
        var runs = latencies.map { (latency: $0, rate: Int?.none, leads: leads) }
        if rateLimit > 0 { runs.append((latency: 0, rate: rateLimit, leads: rateLimitedLeads)) }
        var worst = 0.0
        print("| sandbox | calls | estimate (basis) | bounds: latency / CPU / rate | plan's reads: n, median / mean | with the mean | actual | error |")
        print("|---|---|---|---|---|---|---|---|")
        for run in runs {
            try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(run.latency)), rateLimitPerMinute: run.rate)) { sandbox in
                let funnel = try BenchFunnel(sandbox: sandbox, leads: run.leads, requestsPerMinute: run.rate)
                let client = funnel.client()
                _ = try await funnel.apply(client, parallelism: parallelism)
                try funnel.writeLeads(0..<(2 * run.leads))
                let before = client.statistics
                let readsDone = Mutex(before)
                let (report, actual, plan) = try await funnel.apply(client, parallelism: parallelism) {
                    readsDone.withLock { $0 = client.statistics }
                }
                let estimate = plan.estimate
                let error = (estimate.seconds - actual) / actual
                worst = max(worst, abs(error))
                let reads = readsDone.withLock { $0 }
                let count = reads.requests - before.requests
                let mean = count > 0 ? (reads.responseSeconds - before.responseSeconds) / Double(count) : 0
                let sandboxName = run.rate.map { "rate limit \($0)/min, \(run.latency) ms" } ?? "\(run.latency) ms latency"
                let failed = report.failed.isEmpty ? "" : ", \(report.failed.count) failed"
                print("| \(sandboxName) | \(report.apiCalls) | \(Self.seconds(estimate.seconds)) (\(estimate.basis)) | "
                      + "\(Self.bounds(estimate)) | \(count), \(Self.ms(estimate.secondsPerCall ?? 0)) / \(Self.ms(mean)) | "
                      + "\(Self.withMean(estimate, mean: mean, actual: actual)) | "
                      + "\(Self.seconds(actual)) | **\(String(format: "%+.0f", error * 100)) %**\(failed) |")
            }
        }
        print(String(format: "worst error: %.0f%% (goal ≤ 30%%)", worst * 100))
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func bounds(_ estimate: CallEstimate) -> String {
        guard let bounds = estimate.bounds else { return "" }
        return [seconds(bounds.latency), bounds.cpu.map(seconds) ?? "–", bounds.rateLimit.map(seconds) ?? "–"].joined(separator: " / ")
    }

    static func ms(_ value: Double) -> String { String(format: "%.2f ms", value * 1000) }

    /// The estimate had it taken the mean of the plan's reads (as before issue #15's second round)
    /// instead of their median: the latency bound scaled by mean ÷ median against the other bounds
    /// (over all groups at once, so approximate), and its error.
    static func withMean(_ estimate: CallEstimate, mean: Double, actual: Double) -> String {
        guard let median = estimate.secondsPerCall, let bounds = estimate.bounds, median > 0 else { return "" }
        let seconds = max(bounds.latency * mean / median, bounds.cpu ?? 0, bounds.rateLimit ?? 0)
        return Self.seconds(seconds) + String(format: " (%+.0f %%)", (seconds - actual) / actual * 100)
    }
}
