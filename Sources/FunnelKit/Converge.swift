public import FunnelConfig
public import FunnelCore
public import FunnelState

/// The one path from "what should be" to "what is": under the state lock, plan (the whole funnel,
/// some records, or take a saved plan), check the blast-radius gate, stop when nothing changed, ask
/// for a review, apply, release. `funnel apply`, `watch`, `serve` and the fleet all converge here, so
/// the gate, the lock and the order of these steps are decided once.
public enum Converge {
    /// Runs one convergence. A refused gate, an unchanged plan and a declined review are outcomes,
    /// not errors: the caller decides what each means to its user (an exit code, a cycle line).
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies, input: ConvergeInput,
                           options: ConvergeOptions, review: ConvergeReview = .automatic,
                           events: @escaping @Sendable (ApplyEvent) -> Void = { _ in }) async throws -> ConvergeOutcome {
        try await withLockedState(configuration, operation: options.operation, timeout: options.lockTimeout,
                                  pools: dependencies.statePools) { store in
            let plan: Plan
            switch input {
            case .saved(let saved):
                plan = saved
            case .plan(let scope):
                plan = try await makePlan(configuration, scope: scope, dependencies: dependencies, options: options, store: store)
                review.present(plan)
            }
            if let gate = plan.gate, gate.refused, !options.allowLargeChanges { return .refused(plan, gate) }
            // A saved plan is applied even when empty, so its staleness is still checked and reported.
            guard plan.hasChanges || input.isSaved else {
                try await ApplyUseCase.rememberAdoption(plan, configuration: configuration, store: store, dependencies: dependencies)
                return .unchanged(plan)
            }
            if case .plan = input, try await !review.approve(plan) { return .declined(plan) }
            let report = try await ApplyUseCase.apply(
                plan, saved: input.isSaved, configuration: configuration, store: store, dependencies: dependencies,
                options: ApplyOptions(parallelism: options.parallelism, maxAge: options.maxAge, stop: options.stop),
                events: events)
            return .applied(plan, report)
        }
    }

    /// Opens the configured state (through `pools`, the process's PostgreSQL pools, when given) and
    /// holds its lock for `operation` around `body`.
    public static func withLockedState<T: Sendable>(_ configuration: FunnelConfiguration, operation: String, timeout: Duration,
                                                    pools: PostgresPools? = nil,
                                                    _ body: (any StateStore) async throws -> T) async throws -> T {
        try await StateStores.withStore(location: configuration.stateLocation, namespace: configuration.stateNamespace,
                                        pools: pools) { store in
            try await store.withLock(operation: operation, timeout: timeout) { _ in try await body(store) }
        }
    }

    private static func makePlan(_ configuration: FunnelConfiguration, scope: ConvergeScope, dependencies: FunnelDependencies,
                                 options: ConvergeOptions, store: any StateStore) async throws -> Plan {
        let planOptions = PlanOptions(allowLargeChanges: options.allowLargeChanges, parallelism: options.parallelism,
                                      gateOverride: options.gateOverride)
        return switch scope {
        case .all:
            try await PlanUseCase.run(configuration, dependencies: dependencies, options: planOptions, store: store).plan
        case .records(let keys):
            try await PlanUseCase.runIncremental(configuration, keys: keys, dependencies: dependencies, options: planOptions,
                                                 store: store).plan
        }
    }
}

/// What a convergence covers.
public enum ConvergeScope: Sendable, Hashable {
    /// The whole funnel: every record against the whole workflow.
    case all
    /// Just these record keys (a webhook batch): read those records, plan them, apply.
    case records([String])
}

/// Where the plan comes from.
public enum ConvergeInput: Sendable {
    /// Plan now, under the lock.
    case plan(ConvergeScope)
    /// A plan saved by `funnel plan --out`: applied exactly, after checking it is not stale; never reviewed again.
    case saved(Plan)

    var isSaved: Bool { if case .saved = self { true } else { false } }
}

public struct ConvergeOptions: Sendable {
    /// Names the lock holder (`apply`, `watch`, `serve`).
    public var operation: String
    public var parallelism: Int
    public var lockTimeout: Duration
    /// A saved plan older than this is refused.
    public var maxAge: Duration
    /// `--allow-large-changes`: a plan above `policy.max_archive` is applied anyway.
    public var allowLargeChanges: Bool
    /// What a refused gate tells the user to do (`.unattended` for watch, serve and the fleet).
    public var gateOverride: GateOverride
    /// Requested by SIGINT/SIGTERM: finish the steps in flight, start no new one.
    public var stop: StopSignal?

    public init(operation: String = "apply", parallelism: Int = 4, lockTimeout: Duration = .seconds(0),
                maxAge: Duration = .seconds(86_400), allowLargeChanges: Bool = false, gateOverride: GateOverride = .flag,
                stop: StopSignal? = nil) {
        self.operation = operation; self.parallelism = parallelism; self.lockTimeout = lockTimeout
        self.maxAge = maxAge; self.allowLargeChanges = allowLargeChanges; self.gateOverride = gateOverride; self.stop = stop
    }
}

/// How a fresh plan is shown and approved: the CLI renders it and asks; `watch`, `serve` and the fleet approve.
public struct ConvergeReview: Sendable {
    /// Sees every fresh plan, before the gate and the no-changes check (to show it).
    public var present: @Sendable (Plan) -> Void
    /// Asked only for a plan with changes that passed the gate; false leaves Wix untouched.
    public var approve: @Sendable (Plan) async throws -> Bool

    public init(present: @escaping @Sendable (Plan) -> Void = { _ in },
                approve: @escaping @Sendable (Plan) async throws -> Bool = { _ in true }) {
        self.present = present; self.approve = approve
    }

    /// Shows nothing, approves everything (unattended convergence).
    public static let automatic = ConvergeReview()
}

/// How a convergence ended.
public enum ConvergeOutcome: Sendable {
    /// The plan had no changes; nothing was written.
    case unchanged(Plan)
    /// `policy.max_archive` refused the plan; nothing was written.
    case refused(Plan, GateVerdict)
    /// The review said no; nothing was written.
    case declined(Plan)
    /// The plan was applied (some steps may have failed: see the report).
    case applied(Plan, ApplyReport)

    public var plan: Plan {
        switch self {
        case .unchanged(let plan), .refused(let plan, _), .declined(let plan), .applied(let plan, _): plan
        }
    }

    public var report: ApplyReport? { if case .applied(_, let report) = self { report } else { nil } }
}
