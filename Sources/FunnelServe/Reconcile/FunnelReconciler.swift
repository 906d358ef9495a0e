public import FunnelConfig
import FunnelCore
public import FunnelKit
import FunnelState
import Synchronization
import WixAPI

/// The real reconciler: one `Converge` run per cycle (the whole funnel, or just some records),
/// holding the state lock for the cycle only, so manual `funnel apply` runs, `watch` and `serve`
/// never write at the same time.
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

    public func reconcile(_ scope: ConvergeScope) async throws -> CycleOutcome {
        if stop.isRequested { return CycleOutcome(kind: .unchanged, planSummary: "stopping") }
        let requestsBefore = dependencies.client.statistics.requests
        let applied = Mutex<[String: Int]>([:])
        let forward = events
        let converged = try await Converge.run(
            configuration, dependencies: dependencies, input: .plan(scope),
            options: ConvergeOptions(operation: scope == .all ? "watch" : "serve", parallelism: parallelism,
                                     lockTimeout: lockTimeout, gateOverride: .unattended, stop: stop)
        ) { event in
            if case .stepDone(let step, _, _) = event { applied.withLock { $0[step.action.rawValue, default: 0] += 1 } }
            forward(event)
        }
        let summary = converged.plan.summary.line
        var outcome = switch converged {
        case .refused(_, let gate): CycleOutcome(kind: .refused(reason: gate.message), planSummary: summary)
        case .unchanged, .declined: CycleOutcome(kind: .unchanged, planSummary: summary)
        case .applied(let plan, let report):
            // Steps a stop left pending in the journal (not those skipped because a dependency failed).
            CycleOutcome(kind: .applied, planSummary: summary, stepsApplied: applied.withLock { $0 },
                         stepsFailed: report.failed.count,
                         stepsSkipped: report.stopped ? plan.steps.count - report.done - report.failed.count - report.skipped.count : 0)
        }
        outcome.apiCalls = dependencies.client.statistics.requests - requestsBefore
        return outcome
    }
}
