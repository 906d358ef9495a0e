import Foundation
import FunnelCore
import FunnelKit
import FunnelState
import FunnelTestSupport
import Testing

@Suite("funnel report's numbers, from the sandbox and the journal", .serialized)
struct ReportUseCaseTests {
    static let month: TimeInterval = 30 * 86_400

    @Test("cards per phase, the applied moves, time in phase from the journal, rejected records", arguments: StateBackend.available)
    func report(backend: StateBackend) async throws {
        try await withHarness(backend) { harness in
            var leads = KitHarness.leads
            try harness.writeLeads(leads)
            try await harness.apply()
            leads[0].4 = "contacted"   // Ines: New Lead → Contacted
            leads[1].4 = "won"         // Omar: Contacted → Win
            leads[2].4 = "lost"        // Mia: Qualified → archived
            leads.append(("L-6", "Kim", "Bad", "not-an-email", "new"))
            try harness.writeLeads(leads)
            try await harness.apply()

            let report = try await ReportUseCase.run(harness.configuration, dependencies: harness.dependencies(), since: Self.month)
            #expect(report.phases.map(\.name) == ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"])
            #expect(report.phases.map(\.cards) == [0, 1, 0, 1, 0])
            #expect(report.win.cards == 2 && report.archived.cards == 1)
            #expect(report.places.map(\.owned) == report.places.map(\.cards))
            #expect(report.moves.runs == 2)
            #expect(Set(report.moves.flows.edges) == [
                .init(from: .new, to: .phase("New Lead"), cards: 1), .init(from: .new, to: .phase("Contacted"), cards: 1),
                .init(from: .new, to: .phase("Qualified"), cards: 1), .init(from: .new, to: .phase("Proposal Sent"), cards: 1),
                .init(from: .new, to: .win, cards: 1),
                .init(from: .phase("New Lead"), to: .phase("Contacted"), cards: 1),
                .init(from: .phase("Contacted"), to: .win, cards: 1),
                .init(from: .phase("Qualified"), to: .archived, cards: 1),
            ])
            // Every card on the board got there through an applied step: the journal times them all.
            #expect(report.timeInPhaseBasis == .init(journal: 4, updatedDate: 0, unknown: 0))
            #expect((report.phases[1].medianDaysInPhase ?? -1) >= 0 && (report.phases[1].medianDaysInPhase ?? 1) < 0.01)
            #expect(report.rejected.map(\.key) == ["L-6"])
            #expect(report.recordCount == 6)
        }
    }

    @Test("moves older than --since are left out; time in phase counts from the run that placed the card")
    func window() async throws {
        try await withHarness(.sqlite) { harness in
            try harness.writeLeads(KitHarness.leads)
            try await harness.apply()
            var dependencies = harness.dependencies()
            let later = Date().addingTimeInterval(3 * 86_400)
            dependencies.now = { later }
            let report = try await ReportUseCase.run(harness.configuration, dependencies: dependencies, since: 86_400)
            #expect(report.moves.runs == 0 && report.moves.flows.isEmpty)
            #expect(report.moves.journalStart != nil)
            let days = try #require(report.phases[0].medianDaysInPhase)
            #expect(abs(days - 3) < 0.01)
        }
    }

    @Test("with no state, the journal is empty and time in phase falls back to Wix's updatedDate; nothing is created")
    func noState() async throws {
        try await withHarness(.sqlite) { harness in
            try harness.writeLeads(KitHarness.leads)
            try await harness.apply()
            try await harness.deleteState()
            let report = try await ReportUseCase.run(harness.configuration, dependencies: harness.dependencies(), since: Self.month)
            #expect(report.moves.journalStart == nil && report.moves.flows.isEmpty)
            #expect(report.timeInPhaseBasis == .init(journal: 0, updatedDate: 5, unknown: 0))
            #expect(report.totalCards == 5)
            #expect(!FileManager.default.fileExists(atPath: harness.statePath), "report created a state")
        }
    }

    @Test("the moves are flagged a lower bound only when the journal dropped runs the window reaches")
    func truncatedJournal() {
        let now = Date(timeIntervalSince1970: 1_795_939_200)
        func journal(_ count: Int, oldestDaysAgo: Double) -> [JournalRun] {
            (0..<count).map { index in
                let started = now.addingTimeInterval(-oldestDaysAgo * 86_400 + Double(index) * 60)
                return JournalRun(id: "run-\(index)", planDigest: "", startedAt: started.formatted(.iso8601), status: .done, steps: [])
            }
        }
        let facts = ReportUseCase.ReportFacts(configPath: "funnel.yaml", workflowName: "Lead Funnel", cardSource: "My CRM",
                                              recordCount: 0, rejected: [])
        func truncated(_ runs: [JournalRun], since days: Double) -> Bool {
            ReportUseCase.report(facts, live: LiveState(), state: .empty(lineage: ""), journal: runs, now: now,
                                 since: days * 86_400).moves.journalTruncated
        }
        let full = SQLiteStateStore.keptFinishedRuns + 1
        #expect(truncated(journal(full, oldestDaysAgo: 5), since: 30))
        #expect(!truncated(journal(full, oldestDaysAgo: 5), since: 1))
        #expect(!truncated(journal(full - 1, oldestDaysAgo: 5), since: 30))
        #expect(ReportUseCase.report(facts, live: LiveState(), state: .empty(lineage: ""), journal: journal(full, oldestDaysAgo: 5),
                                     now: now, since: 30 * 86_400).moves.runs == full)
    }
}
