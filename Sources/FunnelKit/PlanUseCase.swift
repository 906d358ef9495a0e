import Foundation
import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources
import FunnelState
import Logging
import WixAPI

/// `funnel plan`: desired (config + source) vs live (Wix, page-wise) vs state → Plan.
public enum PlanUseCase {
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           options: PlanOptions, store: (any StateStore)? = nil) async throws -> PlanResult {
        let state = try await snapshot(of: store, configuration)
        let inputs = try await readInputs(configuration, dependencies: dependencies, state: state)
        return try makePlan(configuration, desired: inputs.desired, live: inputs.live, state: state, mapped: inputs.mapped,
                            pipeline: inputs.pipeline, readsSince: inputs.readsSince, dependencies: dependencies, options: options)
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
                         dependencies: FunnelDependencies, options: PlanOptions) throws -> PlanResult {
        // The reads since `before` time the estimate: apply's calls go to the same Wix, over the same network.
        let after = dependencies.client.statistics
        let readCalls = after.requests - before.requests
        let context = PlanContext(
            createdAt: dependencies.now(), funnelVersion: FunnelVersion.current, configPath: configuration.path,
            configDigest: configuration.digest, sourceDigest: mapped.snapshotDigest,
            requestsPerMinute: dependencies.client.configuration.requestsPerMinute, parallelism: options.parallelism,
            secondsPerCall: readCalls > 0 ? (after.responseSeconds - before.responseSeconds) / Double(readCalls) : nil,
            planReadCalls: readCalls, pipeline: pipeline.map(PipelineSummary.info))
        do {
            let plan = try Planner.plan(desired: desired, live: live, state: state,
                                        policy: DesiredBuilder.policy(configuration.policy, allowLargeChanges: options.allowLargeChanges),
                                        context: context)
            return PlanResult(plan: plan, mapped: mapped)
        } catch {
            throw FunnelError("the plan would break Wix's limits, so nothing can be applied:\n  " +
                              error.problems.joined(separator: "\n  "))
        }
    }

    /// `store`'s snapshot, else the configured state as stored.
    static func snapshot(of store: (any StateStore)?, _ configuration: FunnelConfiguration) async throws -> StateSnapshot {
        if let store { return try await store.snapshot() }
        return try await existingSnapshot(configuration)
    }

    /// The state as stored, or an empty one (lineage "") when there is no state yet: plan never
    /// creates a file, a schema or a namespace.
    static func existingSnapshot(_ configuration: FunnelConfiguration) async throws -> StateSnapshot {
        do {
            return try await StateStores.withStore(location: configuration.stateLocation, namespace: configuration.stateNamespace,
                                                   createIfMissing: false) { try await $0.snapshot() }
        } catch StateStoreError.missing {
            return .empty(lineage: "")
        }
    }
}

enum PipelineSummary {
    static func info(_ pipeline: SourcePipeline) -> PipelineInfo {
        PipelineInfo(id: pipeline.id, name: pipeline.name,
                     stages: pipeline.stages.map { PipelineInfo.Stage(id: $0.id, label: $0.label, kind: $0.kind.rawValue) })
    }
}
