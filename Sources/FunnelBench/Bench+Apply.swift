import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import WixAPI
import WixEmulator

/// `funnel-bench apply`: N new leads against a sandbox with latency, `--parallelism 1` vs 8, the
/// ideal time, a rate-limited run, and the seed's procedure done naively (issue #6).
struct ApplyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply",
                                                    abstract: "Apply throughput: parallelism 1 vs 8, rate-limited, and the naive seed procedure.")

    @Option(help: "New leads to apply.") var leads = 1_000
    @Option(help: "Sandbox latency per request, ms.") var latency = 20
    @Option(help: "Requests per minute for the rate-limited run (0 = skip).") var rateLimit = 600
    @Option(help: "Leads for the rate-limited run.") var rateLimitedLeads = 150

    func run() async throws {
        var seconds: [Int: Double] = [:]
        for parallelism in [1, 8] {
            try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(latency)))) { sandbox in
                let funnel = try BenchFunnel(sandbox: sandbox, leads: leads)
                let (report, time, plan) = try await funnel.apply(funnel.client(), parallelism: parallelism)
                let writes = plan.estimate.apiCalls
                let ideal = Double(writes) * Double(latency) / 1000 / Double(parallelism)
                seconds[parallelism] = time
                print(String(format: "apply --parallelism %d: %d leads, %d steps, %d API calls in %.2f s (ideal %.2f s, %.2fx ideal), %d failed",
                             parallelism, leads, plan.steps.count, report.apiCalls, time, ideal, time / ideal, report.failed.count))
            }
        }
        print(String(format: "speed-up parallelism 8 vs 1: %.2fx", seconds[1]! / seconds[8]!))
        try await naive()
        if rateLimit > 0 { try await rateLimited() }
    }

    /// The seed's walkthrough done one request after another: a contact query, a contact create and
    /// a card create per lead.
    private func naive() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(latency)))) { sandbox in
            let funnel = try BenchFunnel(sandbox: sandbox, leads: leads)
            let client = funnel.client()
            let start = Date()
            let workflow = try await client.createWorkflow(name: "Lead Funnel", description: "")
            var phases: [String] = []
            for name in ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"] {
                phases.append(try await client.createPhase(workflowId: workflow, name: name))
            }
            let win = try await client.getWorkflow(id: workflow).winPhase.id
            for index in 0..<leads {
                let email = "lead\(index)@example.com"
                var contact = try await client.contacts(emails: [email]).first?.id
                if contact == nil {
                    contact = try await client.createContact(ContactInfo(first: "First\(index)", last: "Last\(index)", email: email)).id
                }
                let phase = index % 6 == 5 ? win : phases[index % 6]
                _ = try await client.createCard(workflowId: workflow, phaseId: phase,
                                                card: CardFields(name: "First\(index) Last\(index)", contactId: contact!, source: "My CRM"))
            }
            let time = Date().timeIntervalSince(start)
            print(String(format: "naive seed procedure: %d leads, %d API calls in %.2f s", leads, client.statistics.requests, time))
        }
    }

    /// Against a sandbox limited to R requests/minute, with the client paced at R: achieved rate and 429s.
    private func rateLimited() async throws {
        try await withEmulator(EmulatorOptions(rateLimitPerMinute: rateLimit)) { sandbox in
            let funnel = try BenchFunnel(sandbox: sandbox, leads: rateLimitedLeads, requestsPerMinute: rateLimit)
            let client = funnel.client()
            let start = Date()
            let (report, _, _) = try await funnel.apply(client, parallelism: 8)
            let time = Date().timeIntervalSince(start)
            let stats = try await sandbox.stats()
            let achieved = Double(client.statistics.requests) / time * 60
            print(String(format: "rate-limited to %d/min: %d requests in %.1f s = %.0f/min (%.0f%% of R), %d 429s from the sandbox, %d steps failed",
                         rateLimit, client.statistics.requests, time, achieved, achieved / Double(rateLimit) * 100,
                         stats.rateLimited, report.failed.count))
        }
    }
}

/// `funnel-bench plan-calls`: Wix API calls `funnel plan` makes for N records already in the sandbox.
struct PlanCallsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan-calls",
                                                    abstract: "API calls to plan N records against a sandbox holding them.")

    @Option(help: "Records (and cards) in the sandbox.") var records = 5_000

    func run() async throws {
        var limits = EmulatorLimits()
        limits.activeCardsPerWorkflow = 5_000
        try await withEmulator(EmulatorOptions(limits: limits)) { sandbox in
            let funnel = try BenchFunnel(sandbox: sandbox, leads: records)
            let (report, time, _) = try await funnel.apply(funnel.client(), parallelism: 8)
            print(String(format: "seeded %d records with apply in %.1f s (%d failed)", records, time, report.failed.count))
            await sandbox.resetStats()
            let start = Date()
            let plan = try await funnel.plan(funnel.client())
            let stats = try await sandbox.stats()
            print(String(format: "plan of %d records: %d API calls (sandbox count %d) in %.2f s, %d steps; a per-record approach needs %d+",
                         records, plan.estimate.planReadCalls, stats.totalRequests, Date().timeIntervalSince(start),
                         plan.steps.count, records * 2))
        }
    }
}
