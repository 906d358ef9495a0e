import Foundation
import FunnelCore
import FunnelRender
import FunnelState
import FunnelTestSupport
import Testing
import WixEmulator
import FunnelKit

/// The plan times its own reads through the real client and the estimate follows that latency.
@Suite("apply estimate against the sandbox")
struct EstimateEndToEndTests {
    @Test("the plan's estimate uses the latency its reads measured")
    func measuredLatency() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(40))) { sandbox in
            let harness = try KitHarness(sandbox: sandbox)
            try harness.writeLeads((0..<12).map { ("L-\($0)", "First\($0)", "Last\($0)", "lead\($0)@example.com", "new") })
            let plan = try await harness.plan()
            let estimate = plan.estimate
            #expect(estimate.planReadCalls > 0)
            let perCall = try #require(estimate.secondsPerCall)
            #expect(perCall >= 0.04)  // the sandbox answers 40 ms late (more on a loaded machine)
            #expect(estimate.bound == .latency && estimate.parallelism == 4 && estimate.requestsPerMinute == nil)
            // A workflow (2 calls) and 5 phases one by one, then 12 contacts and 12 cards 4 at a time.
            #expect(estimate.apiCalls == 31)
            #expect(estimate.seconds >= (7 + 3 + 3) * perCall * (1 - 1e-12))  // summed group by group: the last digit may differ
            let line = PlanRenderer.human(plan, options: RenderOptions(color: false, showPersonalData: false))
                .split(separator: "\n").first { $0.hasPrefix("Apply will make") }
            #expect(try #require(line).wholeMatch(of: /Apply will make 31 API calls \(about \d+ s at \d+ ms per call measured, parallelism 4; apply's CPU per call not yet known\)\./) != nil)
        }
    }

    @Test("apply records its CPU per call in the journal; the next plan's estimate uses it", arguments: StateBackend.available)
    func rememberedCPU(backend: StateBackend) async throws {
        try await withHarness(backend) { harness in
            try harness.writeLeads((0..<12).map { ("L-\($0)", "First\($0)", "Last\($0)", "lead\($0)@example.com", "new") })
            let first = try await harness.plan().estimate
            #expect(first.cpuSecondsPerCall == nil && first.bounds?.cpu == nil)
            #expect(first.basis.hasSuffix("; apply's CPU per call not yet known"))
            let report = try #require(try await harness.apply().report)
            let cost = try #require(try await harness.withStore { try await $0.lastApplyCost() })
            #expect(cost.calls == report.apiCalls && cost.calls == 31)
            #expect(cost.cpuSeconds > 0 && cost.seconds > 0)
            let perCall = try #require(cost.cpuSecondsPerCall)

            try harness.writeLeads((0..<20).map { ("L-\($0)", "First\($0)", "Last\($0)", "lead\($0)@example.com", "new") })
            let next = try await harness.plan().estimate
            #expect(next.cpuSecondsPerCall == perCall)
            let cores = try #require(next.cores)
            #expect(cores == min(ProcessInfo.processInfo.activeProcessorCount, 4))
            // 8 contacts and 8 cards, each group spread over the cores (those free, when the plan measured them).
            let free = min(next.availableCores ?? Double(cores), 4)
            #expect(abs(try #require(next.bounds?.cpu) - 16 * perCall / free) < 1e-9)
            #expect(next.basis.contains("apply's CPU ") && next.basis.contains("\(cores) core") && !next.basis.contains("not yet known"))
        }
    }
}
