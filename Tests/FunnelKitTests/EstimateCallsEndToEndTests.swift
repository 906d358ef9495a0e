import FunnelConfig
import FunnelCore
import FunnelKit
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
