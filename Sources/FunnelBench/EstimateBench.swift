import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import WixEmulator

/// `funnel-bench estimate`: the plan's apply estimate against the apply's actual time, at several
/// sandbox latencies and with a rate limit (issue #15: within ±30 %).
struct EstimateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate", abstract: "Plan's apply estimate vs the apply's actual time (latency, rate limit).")

    @Option(help: "New leads per run.") var leads = 1_000
    @Option(parsing: .upToNextOption, help: "Sandbox latencies, ms.") var latencies = [0, 20, 100]
    @Option(help: "Steps applied at once.") var parallelism = 8
    @Option(help: "Requests per minute for the rate-limited run (0 = skip).") var rateLimit = 600
    @Option(help: "Leads for the rate-limited run.") var rateLimitedLeads = 150

    func run() async throws {
        var runs = latencies.map { (latency: $0, rate: Int?.none, leads: leads) }
        if rateLimit > 0 { runs.append((latency: 0, rate: rateLimit, leads: rateLimitedLeads)) }
        var worst = 0.0
        for run in runs {
            try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(run.latency)), rateLimitPerMinute: run.rate)) { sandbox in
                let funnel = try BenchFunnel(sandbox: sandbox, leads: run.leads, requestsPerMinute: run.rate)
                let (report, actual, plan) = try await funnel.apply(funnel.client(), parallelism: parallelism)
                let estimate = plan.estimate
                let error = (estimate.seconds - actual) / actual
                worst = max(worst, abs(error))
                print(String(format: "latency %3d ms%@: %d leads, %d calls; estimate %.2f s (%@), actual %.2f s: %+.0f%%, %d failed",
                             run.latency, run.rate.map { ", rate limit \($0)/min" } ?? "", run.leads, report.apiCalls,
                             estimate.seconds, estimate.basis, actual, error * 100, report.failed.count))
            }
        }
        print(String(format: "worst error: %.0f%% (goal ≤ 30%%)", worst * 100))
    }
}
