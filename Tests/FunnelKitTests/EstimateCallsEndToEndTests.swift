import FunnelConfig
import FunnelCore
@testable import FunnelKit
import FunnelPlanner
import FunnelTestSupport
import Testing

/// "Apply will make N API calls": N is what apply then makes, step kind by step kind (`PlanStep.apiCalls`
/// against `StepExecutor`), counted by the client over HTTP to the sandbox.
@Suite("the plan's API call count against the sandbox", .serialized)
struct EstimateCallsEndToEndTests {
    @Test("creates, a label change alone, field updates, moves, a phase move and a phase deletion")
    func callsAsCounted() async throws {
        try await withHarness(.sqlite) { base in
            var harness = FieldMappingEndToEndTests.mapped(base)
            harness.phases = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating", "Cold"].map { PhaseSpec(name: $0) }
            var rows = FieldMappingEndToEndTests.rows
            try harness.writeCSV(header: FieldMappingEndToEndTests.header, rows: rows)
            let first = try await harness.apply()
            let firstReport = try #require(first.report)
            #expect(firstReport.failed.isEmpty)
            #expect(first.plan.estimate.apiCalls == firstReport.apiCalls)

            rows[0][5] = "Sam"       // L-1: owner Dana → Sam, a label change alone: label, unlabel
            rows[1][6] = "950"       // L-2: a custom field: read the contact, update it
            rows[1][1] = "Omari"     //       and a name
            rows[2][4] = "proposal"  // L-3: a card move
            harness.phases = ["New Lead", "Contacted", "Qualified", "Negotiating", "Proposal Sent"].map { PhaseSpec(name: $0) }
            try harness.writeCSV(header: FieldMappingEndToEndTests.header, rows: rows)
            let second = try await harness.apply()
            let report = try #require(second.report)
            #expect(report.failed.isEmpty)
            let actions = Dictionary(grouping: second.plan.steps, by: \.action).mapValues(\.count)
            #expect(actions[.updateContact] == 2 && actions[.moveCard] == 1 && actions[.deletePhase] == 1
                        && (actions[.movePhase] ?? 0) >= 1 && actions[.updateCard] == 1, "\(actions)")
            #expect(second.plan.steps.map(\.apiCalls).reduce(0, +) == second.plan.estimate.apiCalls)
            #expect(second.plan.estimate.apiCalls == report.apiCalls)
        }
    }
}

/// The CPU the estimate divides apply's work by (`PlanUseCase.availableCores`).
@Suite("the cores apply's CPU work gets")
struct AvailableCoresTests {
    static func context(secondsPerCall: Double) -> PlanContext {
        PlanContext(funnelVersion: "test", configPath: "funnel.yaml", configDigest: "c", sourceDigest: "s",
                    parallelism: 8, secondsPerCall: secondsPerCall, cores: 2)
    }

    @Test("the last apply waited on the network: at least what it got, at least the probe, at most the cores")
    func networkBound() {
        // 2,000 calls at 20 ms, 8 at a time: 5 s of the last apply's 5.5 s; it used 0.7 s of CPU.
        let last = ApplyCost(calls: 2000, cpuSeconds: 0.7, seconds: 5.5)
        let context = Self.context(secondsPerCall: 0.02)
        #expect(PlanUseCase.availableCores(probed: 1.9, lastApply: last, context: context) == 1.9)
        #expect(PlanUseCase.availableCores(probed: 0.05, lastApply: last, context: context) == 0.7 / 5.5)
        #expect(PlanUseCase.availableCores(probed: 3, lastApply: last, context: context) == 2)
    }

    @Test("the last apply was bound by its own work: what it reached, whatever the probe says")
    func ownWorkBound() {
        // 2,000 calls at 0.7 ms, 8 at a time: 0.18 s of its 0.5 s; 0.8 s of CPU: 1.6 cores.
        let last = ApplyCost(calls: 2000, cpuSeconds: 0.8, seconds: 0.5)
        let context = Self.context(secondsPerCall: 0.0007)
        #expect(abs(PlanUseCase.availableCores(probed: 2, lastApply: last, context: context) - 1.6) < 1e-9)
        #expect(abs(PlanUseCase.availableCores(probed: 0.2, lastApply: last, context: context) - 1.6) < 1e-9)
        // A last apply with no time recorded tells nothing: the probe.
        #expect(PlanUseCase.availableCores(probed: 1.2, lastApply: ApplyCost(calls: 10, cpuSeconds: 0, seconds: 0),
                                           context: context) == 1.2)
    }
}
