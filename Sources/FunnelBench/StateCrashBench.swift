import ArgumentParser
import Foundation
import FunnelCore
import FunnelState

/// `funnel-bench state-crash`: kill -9 a process that journals steps, at random moments, and
/// check after each kill that the file is sound, every `done` step's mutation is there (and no
/// other), and the next process takes the dead one's lock over.
struct StateCrashBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state-crash",
        abstract: "State store under kill -9: journal + mutations stay atomic, stale locks are taken over."
    )

    @Option(help: "How many times to kill the writer.") var kills = 10
    @Option(help: "Longest time (ms) a writer runs before it is killed.") var maxMilliseconds = 1_500
    @Option(help: "(internal) Run as the writer on this state file.") var child: String?
    @Option(help: "(internal) The writer's run id.") var run = ""

    static let stepsPerRun = 20_000

    func run() async throws {
        if let child { return try await write(path: child) }
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("funnel-bench-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = (root as NSString).appendingPathComponent("state.db")
        var doneSteps = 0
        for round in 0..<kills {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            writer.arguments = ["state-crash", "--child", path, "--run", "round-\(round)"]
            try writer.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: (maxMilliseconds / 4)...maxMilliseconds)))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            guard writer.terminationReason == .uncaughtSignal else {
                throw StateCrashFailure("round \(round): the writer exited (status \(writer.terminationStatus)) before it was killed")
            }
            doneSteps += try verify(path: path, run: "round-\(round)", pid: writer.processIdentifier)
        }
        print("\(kills) kills, \(doneSteps) steps done in all: file sound, journal and state agree after every kill, stale locks taken over")
    }

    /// The writer: takes the lock (a dead predecessor's is stale), then journals steps until killed.
    private func write(path: String) async throws {
        let store = try SQLiteStateStore.open(path: path)
        _ = try await store.acquireLock(operation: "apply", timeout: .zero)
        let steps = (0..<Self.stepsPerRun).map { JournalStep(stepId: $0, address: "card[\"\(run)-\($0)\"]", action: "create", payload: Data()) }
        try store.beginRun(id: run, planDigest: "crash", steps: steps)
        for step in 0..<Self.stepsPerRun {
            try await store.markStarted(run: run, step: step)
            try await store.markFinished(run: run, step: step, status: .done, resultId: "card-\(step)", error: nil,
                                   mutations: [.upsertRecord(RecordState(key: "\(run)-\(step)", cardId: "card-\(step)"))])
        }
    }

    /// Checks the state a killed writer left; returns how many of its steps were done.
    private func verify(path: String, run: String, pid: Int32) throws -> Int {
        let store = try SQLiteStateStore.open(path: path)
        let problems = try store.checkIntegrity()
        guard problems.isEmpty else { throw StateCrashFailure("\(run): integrity check failed: \(problems)") }
        // Killed before its run began: the state must hold nothing of it.
        guard let journal = try store.journalRun(id: run) else { return 0 }
        guard try store.interruptedRun() == journal else { throw StateCrashFailure("\(run): not reported as the interrupted run") }
        guard let lock = try store.currentLock(), lock.pid == pid else { throw StateCrashFailure("\(run): the killed writer's lock is missing") }
        let records = try store.snapshot().records
        for step in journal.steps {
            let record = records["\(run)-\(step.stepId)"]
            guard (step.status == .done) == (record?.cardId == "card-\(step.stepId)") else {
                throw StateCrashFailure("\(run): step \(step.stepId) is \(step.status) but its record is \(String(describing: record))")
            }
        }
        guard journal.steps.filter({ $0.status == .started }).count <= 1 else { throw StateCrashFailure("\(run): several started steps") }
        return journal.steps.filter { $0.status == .done }.count
    }
}

/// A failed check, printed as `Error: …`.
struct StateCrashFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
