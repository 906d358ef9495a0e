import Foundation
public import FunnelConfig
public import FunnelCore
import FunnelPlanner
public import FunnelState
import WixAPI

/// Runs a plan through the journal, under the state lock `Converge` holds (the gate is `Converge`'s).
public enum ApplyUseCase {
    /// Applies `plan`. A saved plan (`saved`) is first checked against the world: same config, same
    /// source snapshot, same state serial, younger than `maxAge`, and every object it read unchanged.
    public static func apply(_ plan: Plan, saved: Bool, configuration: FunnelConfiguration, store: any StateStore,
                             dependencies: FunnelDependencies, options: ApplyOptions,
                             events: @escaping @Sendable (ApplyEvent) -> Void) async throws -> ApplyReport {
        let digest = planDigest(plan)
        let interrupted = try await store.interruptedRun()
        let resuming = interrupted.map { $0.planDigest == digest } ?? false
        if saved && !resuming {
            try await StaleCheck(client: dependencies.client, now: dependencies.now())
                .verify(plan, configuration: configuration, state: try await store.snapshot(), dependencies: dependencies,
                        maxAge: options.maxAge)
        }
        let applier = Applier(client: dependencies.client, store: store, cardSource: configuration.card.source, country: configuration.contact.country,
                              parallelism: options.parallelism, logger: dependencies.logger, stop: options.stop)
        return try await applier.run(plan, planDigest: digest, previous: interrupted, events: events)
    }

    /// A plan without steps that found objects the state does not hold (the state was lost, and the
    /// plan adopted what is in Wix): remember them, so later plans know the values funnel applied.
    /// Nothing is journaled and Wix is not called; false when the state already held everything.
    @discardableResult
    public static func rememberAdoption(_ plan: Plan, configuration: FunnelConfiguration, store: any StateStore,
                                        dependencies: FunnelDependencies) async throws -> Bool {
        let state = try await store.snapshot()
        let adopts = plan.bindings.contains { state.records[$0.key] == nil }
            || (plan.workflowId != nil && state.workflowId == nil)
        guard adopts else { return false }
        try await Applier(client: dependencies.client, store: store, cardSource: configuration.card.source,
                          country: configuration.contact.country, parallelism: 1, logger: dependencies.logger).remember(plan)
        return true
    }

    /// Identifies a plan in the journal (resume only continues the very plan that was interrupted).
    public static func planDigest(_ plan: Plan) -> String {
        "\(plan.configDigest.prefix(16))-\(plan.sourceDigest.prefix(16))-\(Int(plan.createdAt.timeIntervalSince1970 * 1000))"
    }
}
