import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelState
import Synchronization

/// The real reconciler: plans with `PlanUseCase` (the whole funnel, or just some records with
/// `runIncremental`) and applies with `ApplyUseCase`, holding the state lock for the cycle only, so
/// manual `funnel apply` runs, `watch` and `serve` never write at the same time.
public struct FunnelReconciler: Reconciling {
    public let configuration: FunnelConfiguration
    public let dependencies: FunnelDependencies
    /// How long a cycle waits for a lock another writer holds before it fails (and backs off).
    public let lockTimeout: Duration
    /// Requested on SIGINT/SIGTERM: the apply in flight finishes its started steps and starts no new one.
    public let stop: StopSignal
    private let parallelism: Int
    private let events: @Sendable (ApplyEvent) -> Void

    public init(configuration: FunnelConfiguration, dependencies: FunnelDependencies, lockTimeout: Duration = .seconds(60),
                parallelism: Int = 4, stop: StopSignal = StopSignal(), events: @escaping @Sendable (ApplyEvent) -> Void = { _ in }) {
        self.configuration = configuration; self.dependencies = dependencies; self.lockTimeout = lockTimeout
        self.parallelism = parallelism; self.stop = stop; self.events = events
    }

    public func requestStop() { stop.request() }

    public func reconcile(_ scope: ReconcileScope) async throws -> CycleOutcome {
        if stop.isRequested { return CycleOutcome(kind: .unchanged, planSummary: "stopping") }
        let requestsBefore = dependencies.client.statistics.requests
        let operation = scope == .all ? "watch" : "serve"
        var outcome = try await ApplyUseCase.withLock(configuration, operation: operation, timeout: lockTimeout) { store, _ in
            try await planAndApply(scope, store: store)
        }
        outcome.apiCalls = dependencies.client.statistics.requests - requestsBefore
        return outcome
    }

    private func planAndApply(_ scope: ReconcileScope, store: any StateStore) async throws -> CycleOutcome {
        let planOptions = PlanOptions(parallelism: parallelism)
        let plan = switch scope {
        case .all:
            try await PlanUseCase.run(configuration, dependencies: dependencies, options: planOptions, store: store).plan
        case .records(let keys):
            try await PlanUseCase.runIncremental(configuration, keys: keys, dependencies: dependencies, options: planOptions,
                                                 store: store).plan
        }
        if let gate = plan.gate, gate.refused {
            return CycleOutcome(kind: .refused(reason: gate.message), planSummary: plan.summary.line)
        }
        guard plan.hasChanges else { return CycleOutcome(kind: .unchanged, planSummary: plan.summary.line) }
        let applied = Mutex<[String: Int]>([:])
        let forward = events
        let report = try await ApplyUseCase.apply(
            plan, saved: false, configuration: configuration, store: store, dependencies: dependencies,
            options: ApplyOptions(parallelism: parallelism, lockTimeout: lockTimeout, stop: stop)
        ) { event in
            if case .stepDone(let step, _, _) = event { applied.withLock { $0[step.action.rawValue, default: 0] += 1 } }
            forward(event)
        }
        // Steps a stop left pending in the journal (not those skipped because a dependency failed).
        let notStarted = report.stopped ? plan.steps.count - report.done - report.failed.count - report.skipped.count : 0
        return CycleOutcome(kind: .applied, planSummary: plan.summary.line, stepsApplied: applied.withLock { $0 },
                            stepsFailed: report.failed.count, stepsSkipped: notStarted)
    }
}
