import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
@testable import FunnelState

@Suite("state migrate: SQLite → PostgreSQL", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct StateMigrationTests {
    static let cost = ApplyCost(calls: 2, cpuSeconds: 0.02, seconds: 0.5)

    /// A SQLite state with a workflow, phases, records, a finished and an interrupted run.
    static func filledSQLite() async throws -> (SQLiteStateStore, TemporaryStatePath) {
        let temp = TemporaryStatePath()
        let store = try SQLiteStateStore.open(path: temp.path)
        try store.save([.setWorkflow(id: "wf-1", winPhaseId: "p-win"), .upsertPhase(PhaseState(phaseId: "p-2", name: "Contacted")),
                        .upsertPhase(PhaseState(phaseId: "p-1", name: "New Lead", stageId: "s-1")), .upsertRecord(StateStoreTests.ada)]
                       + (0..<300).map { .upsertRecord(RecordState(key: "R-\($0)", contactId: "c-\($0)", target: .win)) })
        try store.bumpSerial(); try store.bumpSerial()
        try store.beginRun(id: "run-1", planDigest: "d1", steps: JournalTests.steps(2))
        try await store.markFinished(run: "run-1", step: 0, status: .done, resultId: "k-0", error: nil, mutations: [])
        try store.finishRun(id: "run-1", status: .done, cost: Self.cost)
        try store.beginRun(id: "run-2", planDigest: "d2", steps: JournalTests.steps(3))
        try await store.markStarted(run: "run-2", step: 1)
        return (store, temp)
    }

    @Test func copiesEverythingAndVerifies() async throws {
        let (source, _) = try await Self.filledSQLite()
        try await PostgresFixture.withDatabase { url in
            let target = try await PostgresStateStore.open(url: url, namespace: "site-1/Lead Funnel")
            let report = try await StateMigration.copy(from: source, to: target)
            let expected = try source.snapshot()
            #expect(report == StateMigration.Report(lineage: expected.lineage, serial: 2, phases: 2, records: 301, journalRuns: 2,
                                                    replacedSameLineage: false))
            #expect(try await target.snapshot() == expected)
            #expect(try await target.interruptedRun() == source.interruptedRun())
            #expect(try await target.journalRun(id: "run-1") == source.journalRun(id: "run-1"))
            #expect(try await target.lastApplyCost() == Self.cost)
            #expect(try await target.currentLock() == nil && source.currentLock() == nil)
            // Again (e.g. after more applies on SQLite): the same lineage is replaced.
            try source.save([.removeRecord(key: "R-0")])
            #expect(try await StateMigration.copy(from: source, to: target).replacedSameLineage)
            #expect(try await target.snapshot().records.count == 300)
            await target.close()
        }
    }

    @Test func refusesANamespaceHoldingAnotherLineage() async throws {
        let (source, _) = try await Self.filledSQLite()
        try await PostgresFixture.withDatabase { url in
            let target = try await PostgresStateStore.open(url: url, namespace: "n")
            try await target.save([.upsertRecord(RecordState(key: "other"))])
            let lineage = try await target.snapshot().lineage
            await #expect(throws: StateMigration.Failure.differentLineage(target: target.location, targetLineage: lineage,
                                                                          sourceLineage: try source.snapshot().lineage)) {
                try await StateMigration.copy(from: source, to: target)
            }
            #expect(try await target.snapshot().records.keys.sorted() == ["other"])
            #expect(try source.currentLock() == nil)
            await target.close()
        }
    }

    @Test func refusesWhileTheSourceIsLocked() async throws {
        let (source, _) = try await Self.filledSQLite()
        let lock = try await source.acquireLock(operation: "apply", timeout: .zero)
        try await PostgresFixture.withDatabase { url in
            let target = try await PostgresStateStore.open(url: url, namespace: "n")
            await #expect(throws: StateLockError.held(lock)) { try await StateMigration.copy(from: source, to: target) }
            #expect(try await target.isEmpty())
            await target.close()
        }
    }
}
