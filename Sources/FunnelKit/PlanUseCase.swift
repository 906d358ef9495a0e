import Foundation
public import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources
public import FunnelState
import Logging
import WixAPI

/// `funnel plan`: desired (config + source) vs live (Wix, page-wise) vs state → Plan.
public enum PlanUseCase {
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           options: PlanOptions, store: (any StateStore)? = nil) async throws -> PlanResult {
        let (state, lastApply) = try await remembered(in: store, configuration)
        let inputs = try await readInputs(configuration, dependencies: dependencies, state: state)
        return try await makePlan(configuration, desired: inputs.desired, live: inputs.live, state: state, mapped: inputs.mapped,
                                  pipeline: inputs.pipeline, readsSince: inputs.readsSince, lastApply: lastApply,
                                  dependencies: dependencies, options: options)
    }

    /// What a whole plan is made from: the source read and mapped, the desired funnel, and Wix read
    /// page-wise (the client's statistics before that read time the apply estimate). `plan` and
    /// `report` both start here.
    struct Inputs {
        var mapped: MappedRecords
        var pipeline: SourcePipeline?
        var desired: DesiredFunnel
        var live: LiveState
        var readsSince: WixClientStatistics
    }

    static func readInputs(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           state: StateSnapshot) async throws -> Inputs {
        let read = try await SourceFactory.readAndMap(configuration, from: dependencies.source)
        let desired = try DesiredBuilder.desired(configuration, mapped: read.mapped, pipeline: read.pipeline)
        let before = dependencies.client.statistics
        var live = try await LiveReader(client: dependencies.client, country: configuration.contact.country).read(
            workflowName: desired.workflowName, pinnedId: desired.pinnedWorkflowId, rememberedId: state.workflowId,
            identities: desired.leads.map(\.identity))
        try await LiveReader(client: dependencies.client, country: configuration.contact.country)
            .readDefinitions(labels: !configuration.contact.labels.isEmpty, fields: !configuration.contact.custom.isEmpty, into: &live)
        return Inputs(mapped: read.mapped, pipeline: read.pipeline, desired: desired, live: live, readsSince: before)
    }

    /// Runs the planner over what was read; a Wix limit the plan would break becomes a FunnelError.
    static func makePlan(_ configuration: FunnelConfiguration, desired: DesiredFunnel, live: LiveState, state: StateSnapshot,
                         mapped: MappedRecords, pipeline: SourcePipeline?, readsSince before: WixClientStatistics,
                         lastApply: ApplyCost? = nil, dependencies: FunnelDependencies,
                         options: PlanOptions) async throws -> PlanResult {
        // The reads since `before` time the estimate: apply's calls go to the same Wix, over the same
        // network. Their median, not their mean: a few heavy contact queries would otherwise set it.
        let after = dependencies.client.statistics
        let readCalls = after.requests - before.requests
        var context = PlanContext(
            createdAt: dependencies.now(), funnelVersion: FunnelVersion.current, configPath: configuration.path,
            configDigest: configuration.digest, sourceDigest: mapped.snapshotDigest,
            requestsPerMinute: dependencies.client.configuration.requestsPerMinute, parallelism: options.parallelism,
            secondsPerCall: after.responseTimes.since(before.responseTimes).quantile(0.5),
            planReadCalls: readCalls, cpuSecondsPerCall: lastApply?.cpuSecondsPerCall,
            cores: ProcessInfo.processInfo.activeProcessorCount, pipeline: pipeline.map(PipelineSummary.info))
        do {
            var plan = try Planner.plan(desired: desired, live: live, state: state,
                                        policy: DesiredBuilder.policy(configuration.policy, options: options),
                                        context: context)
            // Apply's CPU work could bound it: how much CPU does this machine give (`availableCores`)?
            if let busy = plan.estimate.bounds?.cpu, let bounds = plan.estimate.bounds, let lastApply,
               busy >= 0.1 * max(bounds.latency, bounds.rateLimit ?? 0) {
                let probed = await CPUAvailability.measure(threads: min(context.cores, max(1, options.parallelism)))
                context.availableCores = availableCores(probed: probed, lastApply: lastApply, context: context)
                plan.estimate = Planner.estimate(steps: plan.steps, context: context)
            }
            return PlanResult(plan: plan, mapped: mapped)
        } catch {
            throw FunnelError("the plan would break Wix's limits, so nothing can be applied:\n  " +
                              error.problems.joined(separator: "\n  "))
        }
    }

    /// The cores apply's CPU work will get: at least what the last apply got (its CPU ÷ its wall
    /// time) and at least what a probe of spinning threads gets now, at most the machine's. But when
    /// the network cannot account for the last apply's time (its calls at this plan's latency fill
    /// under half of it), that apply was bound by its own work, and its CPU ÷ wall time is what an
    /// apply reaches here, probe or not: its journal commits and single writer keep it off part of
    /// the free cores (release, 0 ms: 1.6 of 2 idle cores; the probe alone left the estimate 21–29 %
    /// short, benchmarks/plan-apply.md).
    static func availableCores(probed: Double, lastApply: ApplyCost, context: PlanContext) -> Double {
        let used = lastApply.seconds > 0 ? lastApply.cpuSeconds / lastApply.seconds : 0
        let network = Double(lastApply.calls) * context.secondsPerCall / Double(max(1, context.parallelism))
        let boundByItsOwnWork = used > 0 && network < 0.5 * lastApply.seconds
        return min(Double(context.cores), boundByItsOwnWork ? used : max(probed, used))
    }

    /// `store`'s snapshot and the last apply's cost (the estimate's CPU per call), else the configured state's.
    static func remembered(in store: (any StateStore)?,
                           _ configuration: FunnelConfiguration) async throws -> (StateSnapshot, ApplyCost?) {
        if let store { return try await remembered(in: store) }
        return try await existingState(configuration)
    }

    /// The state as stored, or an empty one (lineage "") when there is no state yet: plan never
    /// creates a file, a schema or a namespace.
    static func existingState(_ configuration: FunnelConfiguration) async throws -> (StateSnapshot, ApplyCost?) {
        do {
            return try await StateStores.withStore(location: configuration.stateLocation, namespace: configuration.stateNamespace,
                                                   createIfMissing: false) { try await remembered(in: $0) }
        } catch StateStoreError.missing {
            return (.empty(lineage: ""), nil)
        }
    }

    private static func remembered(in store: any StateStore) async throws -> (StateSnapshot, ApplyCost?) {
        (try await store.snapshot(), try await store.lastApplyCost())
    }
}

enum PipelineSummary {
    static func info(_ pipeline: SourcePipeline) -> PipelineInfo {
        PipelineInfo(id: pipeline.id, name: pipeline.name,
                     stages: pipeline.stages.map { PipelineInfo.Stage(id: $0.id, label: $0.label, kind: $0.kind.rawValue) })
    }
}
