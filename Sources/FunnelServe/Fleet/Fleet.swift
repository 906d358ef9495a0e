public import Foundation
import FunnelKit
public import Logging
import Synchronization

/// Many funnels, `options.workers` workers, one shared `WorkQueue` (`funnel serve --funnels DIR`).
///
/// Each worker loops: claim a due funnel for a lease, renew the lease while its cycle runs,
/// complete it. One funnel is never reconciled by two workers at once: the lease keeps other
/// claims off, and the funnel's state lock (a PostgreSQL advisory lock on a shared database) is
/// the second guard should a lease ever be lost mid-cycle; a worker that loses its lease also
/// stops its cycle after the steps already started.
public final class Fleet: Sendable {
    public let queue: any WorkQueue
    public let options: FleetOptions
    /// By namespace.
    public let members: [String: FleetMember]
    private let byName: [String: FleetMember]
    private let report: @Sendable (FleetMember, CycleReport) -> Void
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let stopping = Mutex(false)
    /// The cycles running now, by worker: their stop signal and their task.
    private let inFlight = Mutex<[String: (signal: StopSignal, cycle: Task<CycleOutcome, any Error>)]>([:])
    private let cycles = Mutex(0)

    /// `report` receives every finished cycle (the CLI prints `NAME: line`); `logger` gets the
    /// queue's troubles (a lost lease, a completion that has to be retried).
    public init(members: [FleetMember], queue: any WorkQueue, options: FleetOptions, now: @escaping @Sendable () -> Date = Date.init,
                logger: Logger = Logger(label: "funnel.fleet"),
                report: @escaping @Sendable (FleetMember, CycleReport) -> Void = { _, _ in }) {
        self.logger = logger
        self.members = Dictionary(members.map { ($0.id.namespace, $0) }, uniquingKeysWith: { first, _ in first })
        self.byName = Dictionary(members.map { ($0.id.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.queue = queue; self.options = options; self.now = now; self.report = report
    }

    /// The member a webhook path names.
    public func member(named name: String) -> FleetMember? { byName[name] }

    /// Registers every member in the queue, then runs the workers until `requestStop()`.
    public func run() async throws {
        try await queue.register(members.values.map(\.id))
        let workers = (1...options.workers).map { index in
            Task { await self.work(self.options.workerName(index)) }
        }
        let finished = FinishedWorkers()
        for worker in workers {
            Task {
                await worker.value
                finished.count.withLock { $0 += 1 }
            }
        }
        // Wait for the workers; once a stop is requested, give the cycles in flight `stopGrace` to
        // finish their started steps, then cancel them (the journal makes that safe: the next run
        // resumes; a cancelled cycle gives its funnel's state lock up at once, and the lease runs out).
        var stopDeadline: ContinuousClock.Instant?
        while finished.count.withLock({ $0 }) < workers.count {
            if isStopping {
                let deadline = stopDeadline ?? ContinuousClock.now + options.stopGrace
                stopDeadline = deadline
                if ContinuousClock.now >= deadline {
                    for worker in workers { worker.cancel() }
                    for running in inFlight.withLock({ Array($0.values) }) { running.cycle.cancel() }
                    return
                }
            }
            // A sleep of its own: in a cancelled task (the service group ending) `Task.sleep` would
            // return at once and this loop would spin through the whole grace.
            await Task { try? await Task.sleep(for: .milliseconds(50)) }.value
        }
    }

    /// Workers claim nothing more; cycles in flight finish their started steps and complete.
    public func requestStop() {
        stopping.withLock { $0 = true }
        for running in inFlight.withLock({ Array($0.values) }) { running.signal.request() }
    }

    public var isStopping: Bool { stopping.withLock { $0 } }

    /// Queues a webhook's keys for the funnel named `name`; false when there is none.
    public func enqueue(name: String, keys: [String]) async throws -> Bool {
        guard let member = byName[name] else { return false }
        try await queue.enqueue(member.id.namespace, keys: keys, delay: options.debounce)
        return true
    }

    private func work(_ worker: String) async {
        let namespaces = Set(members.keys)
        while !isStopping {
            let claim: WorkClaim?
            do {
                claim = try await queue.claim(worker: worker, lease: options.lease, among: namespaces)
            } catch {
                claim = nil  // the queue is unreachable: wait and ask again
            }
            guard let claim, let member = members[claim.funnel.namespace] else {
                try? await Task.sleep(for: options.poll)
                continue
            }
            await run(claim, member: member)
        }
    }

    private func run(_ claim: WorkClaim, member: FleetMember) async {
        let signal = StopSignal()
        if isStopping { signal.request() }
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = now()
        let reconciler = member.makeReconciler(signal, claim.worker)
        let cycleTask = Task { try await reconciler.reconcile(claim.scope) }
        inFlight.withLock { $0[claim.worker] = (signal, cycleTask) }
        if isStopping { signal.request() }  // a stop requested while the cycle was being registered
        // The cycle's result, or a give-up: a cycle stuck on an await that never resumes (and ignores
        // cancellation) must not hold the worker forever.
        let ending = CycleEnding()
        Task { ending.finish(await cycleTask.result) }
        let heartbeat = Task { await self.renew(claim, signal: signal, cycle: cycleTask, ending: ending, started: start) }
        let result: CycleReport.Result
        switch await ending.value() {
        case .success(let outcome): result = .finished(outcome)
        case .failure(let error as CycleEnding.GaveUp): result = .failed(message: error.description)
        case .failure(let error): result = .failed(message: String(describing: error))
        }
        heartbeat.cancel()
        inFlight.withLock { _ = $0.removeValue(forKey: claim.worker) }
        let number = cycles.withLock { value -> Int in value += 1; return value }
        let trigger: CycleReport.Trigger = switch claim.scope {
        case .all: .interval
        case .records(let keys): .webhook(records: keys.count)
        }
        var cycle = CycleReport(number: number, trigger: trigger, startedAt: startedAt, duration: clock.now - start, result: result)
        let workResult: WorkResult
        let next: Duration
        var random = SystemRandomNumberGenerator()
        switch result {
        case .finished(let outcome):
            let refused = if case .refused = outcome.kind { 1 } else { 0 }
            workResult = .succeeded(summary: outcome.planSummary, pending: outcome.stepsFailed + outcome.stepsSkipped + refused)
            next = options.schedule.delay(consecutiveFailures: 0, using: &random)
            if claim.scope == .all { cycle.nextRun = now().addingTimeInterval(next.seconds) }
        case .failed(let message):
            workResult = .failed(message: message)
            next = options.retryDelay(failures: claim.failures + 1, unit: Double.random(in: 0..<1, using: &random))
            cycle.nextRun = now().addingTimeInterval(next.seconds)
        }
        await complete(claim, result: workResult, next: next)
        member.metrics.record(cycle)
        report(member, cycle)
    }

    /// Writes the cycle's completion, retrying (with a growing wait, at most 5 s) until the queue takes
    /// it: a lost completion would leave the funnel leased and its next run unscheduled. Only the
    /// worker's cancellation (the process is exiting; the lease then simply runs out) ends the retries.
    private func complete(_ claim: WorkClaim, result: WorkResult, next: Duration) async {
        var attempt = 0
        while true {
            do {
                try await queue.complete(claim, result: result, next: next)
                if attempt > 0 { logger.notice("\(claim.funnel.name): cycle completion written after \(attempt + 1) attempts") }
                return
            } catch {
                attempt += 1
                logger.warning("\(claim.funnel.name): cannot write the cycle's completion (attempt \(attempt)), retrying: \(error)")
                if Task.isCancelled { return }
                do { try await Task.sleep(for: .milliseconds(min(200 * attempt, 5000))) } catch { return }
            }
        }
    }

    /// Renews the lease every third of it; on a lost lease, stops the cycle after its started steps.
    /// A cycle running longer than `cycleTimeout` is stuck (a backend that never answers): it is
    /// asked to stop, then cancelled, so the worker and the funnel move on. Cancelling it gives its
    /// state lock up at once (`StateStore.withLock`: the lock's connection is closed), even when the
    /// cycle itself never returns.
    private func renew(_ claim: WorkClaim, signal: StopSignal, cycle: Task<CycleOutcome, any Error>, ending: CycleEnding,
                       started: ContinuousClock.Instant) async {
        let interval = min(options.lease / 3, .seconds(5))
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let elapsed = ContinuousClock.now - started
            if elapsed > options.cycleTimeout {
                signal.request()
                if elapsed > options.cycleTimeout + options.stopGrace {
                    cycle.cancel()
                    ending.finish(.failure(CycleEnding.GaveUp(after: elapsed)))
                    return
                }
            }
            // A renewal that fails is a lease lost: another worker may claim the funnel once it
            // runs out, so the cycle finishes the steps it started and starts no new one.
            let held: Bool
            do {
                held = try await queue.renew(claim, lease: options.lease)
                if !held { logger.warning("\(claim.funnel.name): lease lost; stopping the cycle after its started steps") }
            } catch {
                logger.warning("\(claim.funnel.name): cannot renew the lease (\(error)); treating it as lost and stopping the cycle after its started steps")
                held = false
            }
            if !held {
                signal.request()
                return
            }
        }
    }
}

/// The first of: the cycle's own result, or giving up on it.
final class CycleEnding: Sendable {
    struct GaveUp: Error, CustomStringConvertible {
        let after: Duration
        var description: String { "cycle gave up after \(after): stuck (it was asked to stop, then cancelled)" }
    }

    private struct State {
        var result: Result<CycleOutcome, any Error>?
        var waiter: CheckedContinuation<Result<CycleOutcome, any Error>, Never>?
    }

    private let state = Mutex(State())

    /// Records the ending; later calls are ignored.
    func finish(_ result: Result<CycleOutcome, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<CycleOutcome, any Error>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    /// Waits for the ending.
    func value() async -> Result<CycleOutcome, any Error> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<CycleOutcome, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// How many workers have returned.
final class FinishedWorkers: Sendable {
    let count = Mutex(0)
}
