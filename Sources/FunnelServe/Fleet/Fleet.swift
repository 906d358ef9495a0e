import Foundation
import FunnelKit
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
    private let stopping = Mutex(false)
    private let inFlight = Mutex<[String: StopSignal]>([:])
    private let cycles = Mutex(0)

    /// `report` receives every finished cycle (the CLI prints `NAME: line`).
    public init(members: [FleetMember], queue: any WorkQueue, options: FleetOptions, now: @escaping @Sendable () -> Date = Date.init,
                report: @escaping @Sendable (FleetMember, CycleReport) -> Void = { _, _ in }) {
        self.members = Dictionary(members.map { ($0.id.namespace, $0) }, uniquingKeysWith: { first, _ in first })
        self.byName = Dictionary(members.map { ($0.id.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.queue = queue; self.options = options; self.now = now; self.report = report
    }

    /// The member a webhook path names.
    public func member(named name: String) -> FleetMember? { byName[name] }

    /// Registers every member in the queue, then runs the workers until `requestStop()`.
    public func run() async throws {
        try await queue.register(members.values.map(\.id))
        await withTaskGroup(of: Void.self) { group in
            for index in 1...options.workers {
                group.addTask { await self.work(self.options.workerName(index)) }
            }
        }
    }

    /// Workers claim nothing more; cycles in flight finish their started steps and complete.
    public func requestStop() {
        stopping.withLock { $0 = true }
        for signal in inFlight.withLock({ Array($0.values) }) { signal.request() }
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
        inFlight.withLock { $0[claim.worker] = signal }
        if isStopping { signal.request() }
        let heartbeat = Task { await self.renew(claim, signal: signal) }
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = now()
        let result: CycleReport.Result
        do {
            result = .finished(try await member.makeReconciler(signal, claim.worker).reconcile(claim.scope))
        } catch {
            result = .failed(message: String(describing: error))
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
        // Completing is retried: a lost completion would leave the funnel leased until the lease runs out.
        for attempt in 0..<5 {
            do {
                try await queue.complete(claim, result: workResult, next: next)
                break
            } catch {
                try? await Task.sleep(for: .milliseconds(200 * (attempt + 1)))
            }
        }
        member.metrics.record(cycle)
        report(member, cycle)
    }

    /// Renews the lease every third of it; on a lost lease, stops the cycle after its started steps.
    private func renew(_ claim: WorkClaim, signal: StopSignal) async {
        let interval = options.lease / 3
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let held = (try? await queue.renew(claim, lease: options.lease)) ?? true
            if !held {
                signal.request()
                return
            }
        }
    }
}
