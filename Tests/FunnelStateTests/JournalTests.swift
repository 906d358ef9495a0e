import Foundation
import FunnelCore
import Testing
@testable import FunnelState

@Suite("SQLiteStateStore: apply journal")
struct JournalTests {
    static func steps(_ count: Int) -> [JournalStep] {
        (0..<count).map { JournalStep(stepId: $0, address: "card[\"L-\($0)\"]", action: "create",
                                      payload: Data("{\"step\":\($0)}".utf8), status: .done) }
    }

    @Test func aRunGoesFromPendingToFinished() async throws {
        let store = try SQLiteStateStore.open(path: TemporaryStatePath().path)
        try store.beginRun(id: "run-1", planDigest: "sha256:abc", steps: Self.steps(3))
        var run = try #require(try store.journalRun(id: "run-1"))
        #expect(run.status == .running && run.planDigest == "sha256:abc")
        #expect(run.steps.map(\.status) == [.pending, .pending, .pending])
        #expect(run.steps[2].payload == Data("{\"step\":2}".utf8))

        try await store.markStarted(run: "run-1", step: 0)
        try await store.markFinished(run: "run-1", step: 0, status: .done, resultId: "card-0", error: nil,
                               mutations: [.upsertRecord(RecordState(key: "L-0", cardId: "card-0"))])
        try await store.markStarted(run: "run-1", step: 1)
        try await store.markFinished(run: "run-1", step: 1, status: .failed, resultId: nil, error: "409 conflict", mutations: [])
        try await store.markFinished(run: "run-1", step: 2, status: .skipped, resultId: nil, error: "depends on step 1", mutations: [])
        try store.finishRun(id: "run-1", status: .failed)

        run = try #require(try store.journalRun(id: "run-1"))
        #expect(run.status == .failed)
        #expect(run.steps.map(\.status) == [.done, .failed, .skipped])
        #expect(run.steps[0].resultId == "card-0" && run.steps[1].error == "409 conflict")
        #expect(try store.snapshot().records["L-0"]?.cardId == "card-0")
        #expect(try store.interruptedRun() == nil)
    }

    @Test func aRunLeftRunningIsFoundAsInterrupted() async throws {
        let temp = TemporaryStatePath()
        do {
            let crashed = try SQLiteStateStore.open(path: temp.path)
            try crashed.beginRun(id: "old", planDigest: "d0", steps: Self.steps(1))
            try crashed.finishRun(id: "old", status: .done)
            try crashed.beginRun(id: "run-1", planDigest: "d1", steps: Self.steps(3))
            try await crashed.markStarted(run: "run-1", step: 0)
            try await crashed.markFinished(run: "run-1", step: 0, status: .done, resultId: "c-0", error: nil, mutations: [])
            try await crashed.markStarted(run: "run-1", step: 1)
            // The process dies here: no markFinished, no finishRun.
        }
        let next = try SQLiteStateStore.open(path: temp.path)
        let interrupted = try #require(try next.interruptedRun())
        #expect(interrupted.id == "run-1" && interrupted.planDigest == "d1")
        #expect(interrupted.steps.map(\.status) == [.done, .started, .pending])
        #expect(interrupted.steps[0].resultId == "c-0")

        // The next run closes it, so it is reported once.
        try next.beginRun(id: "run-2", planDigest: "d1", steps: Self.steps(2))
        #expect(try next.journalRun(id: "run-1")?.status == .interrupted)
        #expect(try next.interruptedRun()?.id == "run-2")
        try next.finishRun(id: "run-2", status: .done)
        #expect(try next.interruptedRun() == nil)
    }

    @Test func markFinishedIsAtomicWithItsMutations() async throws {
        let store = try SQLiteStateStore.open(path: TemporaryStatePath().path)
        try store.beginRun(id: "r", planDigest: "d", steps: Self.steps(1))
        await #expect(throws: StateStoreError.unknownJournalStep(run: "r", step: 7)) {
            try await store.markFinished(run: "r", step: 7, status: .done, resultId: "x", error: nil,
                                   mutations: [.upsertRecord(RecordState(key: "L-9", cardId: "x"))])
        }
        #expect(try store.snapshot().records.isEmpty)
        await #expect(throws: StateStoreError.unknownJournalStep(run: "nope", step: 0)) {
            try await store.markStarted(run: "nope", step: 0)
        }
        #expect(throws: StateStoreError.unknownJournalStep(run: "nope", step: nil)) {
            try store.finishRun(id: "nope", status: .done)
        }
    }

    /// Group commit: 64 steps journaled at once all land, and a bad write in a shared transaction
    /// fails only its own caller.
    @Test func concurrentStepsShareCommitsAndKeepTheirOwnErrors() async throws {
        let store = try SQLiteStateStore.open(path: TemporaryStatePath().path)
        try store.beginRun(id: "r", planDigest: "d", steps: Self.steps(64))
        let failures = try await withThrowingTaskGroup(of: Bool.self) { group in
            for step in 0..<64 {
                group.addTask {
                    try await store.markStarted(run: "r", step: step)
                    try await store.markFinished(run: "r", step: step, status: .done, resultId: "card-\(step)", error: nil,
                                                 mutations: [.upsertRecord(RecordState(key: "L-\(step)", cardId: "card-\(step)"))])
                    return false
                }
            }
            group.addTask {
                do {
                    try await store.markFinished(run: "r", step: 999, status: .done, resultId: "x", error: nil,
                                                 mutations: [.upsertRecord(RecordState(key: "L-999", cardId: "x"))])
                    return false
                } catch StateStoreError.unknownJournalStep {
                    return true
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 1)
        let run = try #require(try store.journalRun(id: "r"))
        #expect(run.steps.allSatisfy { $0.status == .done })
        let records = try store.snapshot().records
        #expect(records.count == 64)
        #expect(records["L-999"] == nil)
    }

    @Test func oldFinishedRunsArePruned() async throws {
        let store = try SQLiteStateStore.open(path: TemporaryStatePath().path)
        for index in 0..<(SQLiteStateStore.keptFinishedRuns + 3) {
            try store.beginRun(id: "run-\(index)", planDigest: "d", steps: Self.steps(1))
            try store.finishRun(id: "run-\(index)", status: .done)
        }
        #expect(try store.journalRun(id: "run-0") == nil)
        #expect(try store.journalRun(id: "run-12")?.steps.count == 1)
    }
}
