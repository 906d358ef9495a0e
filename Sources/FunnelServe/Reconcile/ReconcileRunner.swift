public import Foundation
public import FunnelKit

/// Runs reconcile cycles one at a time (interval cycles and webhook batches share it), keeps the
/// health picture, counts metrics and reports each cycle. Between processes the state lock keeps
/// one writer; inside one process this queue does.
public actor ReconcileRunner {
    /// What `/healthz` shows.
    public struct Health: Sendable, Hashable {
        public var lastCycle: CycleReport?
        public var lastSuccess: Date?
        public var consecutiveFailures: Int
        public var cycles: Int
    }

    private let reconciler: any Reconciling
    private let metrics: ServeMetrics
    private let now: @Sendable () -> Date
    private let report: @Sendable (CycleReport) -> Void
    private let clock = ContinuousClock()
    private var tail: Task<Void, Never>?
    private var random = SystemRandomNumberGenerator()
    public private(set) var health = Health(lastCycle: nil, lastSuccess: nil, consecutiveFailures: 0, cycles: 0)

    /// `report` receives every finished cycle (the CLI prints its `line`).
    public init(reconciler: any Reconciling, metrics: ServeMetrics, now: @escaping @Sendable () -> Date = Date.init,
                report: @escaping @Sendable (CycleReport) -> Void = { _ in }) {
        self.reconciler = reconciler
        self.metrics = metrics
        self.now = now
        self.report = report
    }

    /// Runs one cycle after the ones already queued. With a `schedule` (interval cycles) the report
    /// carries the next run time, backed off after consecutive failures.
    public func run(_ scope: ConvergeScope, schedule: CycleSchedule? = nil) async -> CycleReport {
        let previous = tail
        let cycle = Task { () -> CycleReport in
            await previous?.value
            return await self.perform(scope, schedule: schedule)
        }
        tail = Task { _ = await cycle.value }
        return await cycle.value
    }

    /// Asks the cycle in flight to finish its started steps and start no new one.
    public nonisolated func requestStop() {
        reconciler.requestStop()
    }

    /// Waits for every queued cycle.
    public func waitForIdle() async {
        while let current = tail {
            await current.value
            if tail == current { tail = nil }
        }
    }

    private func perform(_ scope: ConvergeScope, schedule: CycleSchedule?) async -> CycleReport {
        let startedAt = now()
        let start = clock.now
        let result: CycleReport.Result
        do {
            result = .finished(try await reconciler.reconcile(scope))
        } catch {
            result = .failed(message: String(describing: error))
        }
        let trigger: CycleReport.Trigger = switch scope {
        case .all: .interval
        case .records(let keys): .webhook(records: keys.count)
        }
        health.cycles += 1
        var cycle = CycleReport(number: health.cycles, trigger: trigger, startedAt: startedAt,
                                duration: clock.now - start, result: result)
        if cycle.succeeded {
            health.consecutiveFailures = 0
            health.lastSuccess = startedAt.addingTimeInterval(cycle.duration.seconds)
        } else if case .failed = result {
            health.consecutiveFailures += 1
        }
        if let schedule {
            let delay = schedule.delay(consecutiveFailures: health.consecutiveFailures, using: &random)
            cycle.nextRun = now().addingTimeInterval(delay.seconds)
        }
        health.lastCycle = cycle
        metrics.record(cycle)
        report(cycle)
        return cycle
    }
}
