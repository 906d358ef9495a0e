import ArgumentParser
import Foundation
import FunnelCore
import FunnelState
import FunnelTestSupport

/// `funnel-bench state-store`: saving and loading a large state, and the cost of journaling a step.
struct StateStoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-store",
        abstract: "State store, SQLite and/or PostgreSQL: save N records, load the snapshot, journal steps.",
        discussion: "PostgreSQL: --postgres-url URL, else a private server started like the tests' (Debian's postgresql)."
    )

    enum Backend: String, ExpressibleByArgument, CaseIterable { case sqlite, postgres, both }

    @Option(help: "Records in the state.") var records = 100_000
    @Option(help: "Snapshot loads to time (the median is reported).") var runs = 5
    @Option(help: "Journal steps to time (markStarted + markFinished each).") var steps = 500
    @Option(help: "sqlite, postgres or both.") var backend = Backend.sqlite
    @Option(help: "A PostgreSQL server to use (a database the role may write), instead of a private one.")
    var postgresURL: String?

    func run() async throws {
        if backend != .postgres {
            let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("funnel-bench-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: root) }
            print("SQLite (WAL, synchronous=FULL):")
            try await measure(try SQLiteStateStore.open(path: (root as NSString).appendingPathComponent("state.db")))
        }
        if backend != .sqlite {
            if let postgresURL {
                let url = try PostgresStateURL(parsing: postgresURL)
                print("PostgreSQL at \(url) (namespace bench-\(getpid())):")
                try await measurePostgres(url, namespace: "bench-\(getpid())")
            } else {
                setenv("FUNNEL_TEST_POSTGRES_FSYNC", "on", 1) // durable commits, as a real server
                try await PostgresFixture.withDatabase { url in
                    print("PostgreSQL 15 (private server on 127.0.0.1, fsync and synchronous_commit on):")
                    try await measurePostgres(url, namespace: "bench")
                }
            }
        }
    }

    private func measurePostgres(_ url: PostgresStateURL, namespace: String) async throws {
        let store = try await PostgresStateStore.open(url: url, namespace: namespace)
        do { try await measure(store) } catch { await store.close(); throw error }
        try await store.deleteNamespace()
        await store.close()
    }

    private func measure(_ store: any StateStore) async throws {
        let clock = ContinuousClock()
        let mutations = (0..<records).map { StateMutation.upsertRecord(Self.record($0)) }
        let save = try await clock.measure { try await store.save(mutations) }
        print("save \(records) records (one transaction): \(save)")

        var loads: [Duration] = []
        var cpu: [Duration] = []
        for _ in 0..<runs {
            var count = 0
            let cpuStart = Self.processCPUTime()
            loads.append(try await clock.measure { count = try await store.snapshot().records.count })
            cpu.append(Self.processCPUTime() - cpuStart)
            precondition(count == records)
        }
        print("snapshot of \(records) records: wall median \(loads.sorted()[runs / 2]), best \(loads.min()!); "
            + "CPU median \(cpu.sorted()[runs / 2]) (wall time suffers on a shared machine, CPU time less)")

        let journal = (0..<steps).map { JournalStep(stepId: $0, address: "card[\"L-\($0)\"]", action: "create", payload: Data("{}".utf8)) }
        try await store.beginRun(id: "bench", planDigest: "bench", steps: journal)
        let stepsTime = try await clock.measure {
            for step in 0..<steps {
                try await store.markStarted(run: "bench", step: step)
                try await store.markFinished(run: "bench", step: step, status: .done, resultId: "card-\(step)", error: nil,
                                             mutations: [.upsertRecord(Self.record(step))])
            }
        }
        print("journal \(steps) steps (2 commits each): \(stepsTime / steps) per step")
        // An apply runs steps 8 at a time: their records share commits (group commit).
        try await store.beginRun(id: "bench-8", planDigest: "bench", steps: journal)
        let concurrentTime = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<8 {
                    group.addTask {
                        for step in stride(from: lane, to: steps, by: 8) {
                            try await store.markStarted(run: "bench-8", step: step)
                            try await store.markFinished(run: "bench-8", step: step, status: .done, resultId: "card-\(step)",
                                                         error: nil, mutations: [.upsertRecord(Self.record(step))])
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        print("journal \(steps) steps, 8 at a time: \(concurrentTime / steps) per step "
              + String(format: "(%.1fx the one-at-a-time rate)", stepsTime / concurrentTime))
    }

    /// CPU time used by this process so far (user + system).
    static func processCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    static func record(_ index: Int) -> RecordState {
        let key = "L-\(index)"
        let email = "lead\(index)@example.com"
        return RecordState(key: key, identity: ContactIdentity(kind: .email, value: email), contactId: "contact-\(index)",
                           cardId: "card-\(index)",
                           contact: DesiredContact(first: "First\(index)", last: "Last\(index)", email: email, phone: "+3361234\(index)",
                                                   company: "Company \(index % 100)"),
                           cardName: "First\(index) Last\(index)", cardDescription: "Company \(index % 100)",
                           target: .phase("Qualified"), phaseId: "phase-3")
    }
}
