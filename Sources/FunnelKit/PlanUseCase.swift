import Foundation
import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources
import FunnelState
import Logging
import WixAPI

/// The live dependencies a use case runs with, composed by the CLI (the sandbox included).
public struct FunnelDependencies: Sendable {
    public var client: WixClient
    public var source: any RecordSource
    public var logger: Logger
    public var now: @Sendable () -> Date

    public init(client: WixClient, source: any RecordSource, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client; self.source = source; self.logger = logger; self.now = now
    }
}

public struct PlanOptions: Sendable {
    public var allowLargeChanges: Bool
    public var parallelism: Int

    public init(allowLargeChanges: Bool = false, parallelism: Int = 4) {
        self.allowLargeChanges = allowLargeChanges; self.parallelism = parallelism
    }
}

/// A plan and what mapping the source produced (for warnings and previews).
public struct PlanResult: Sendable {
    public var plan: Plan
    public var mapped: MappedRecords
}

/// `funnel plan`: desired (config + source) vs live (Wix, page-wise) vs state → Plan.
public enum PlanUseCase {
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           options: PlanOptions, store: (any StateStore)? = nil) async throws -> PlanResult {
        let state = try await snapshot(of: store, configuration)
        let (mapped, pipeline) = try await readSource(configuration, dependencies: dependencies)
        let desired = try DesiredBuilder.desired(configuration, mapped: mapped, pipeline: pipeline)
        let before = dependencies.client.statistics
        let live = try await LiveReader(client: dependencies.client).read(
            workflowName: desired.workflowName, pinnedId: desired.pinnedWorkflowId, rememberedId: state.workflowId,
            identities: desired.leads.map(\.identity))
        return try makePlan(configuration, desired: desired, live: live, state: state, mapped: mapped, pipeline: pipeline,
                            readsSince: before,
                            dependencies: dependencies, options: options)
    }

    /// Runs the planner over what was read; a Wix limit the plan would break becomes a FunnelError.
    static func makePlan(_ configuration: FunnelConfiguration, desired: DesiredFunnel, live: LiveState, state: StateSnapshot,
                         mapped: MappedRecords, pipeline: SourcePipeline?, readsSince before: WixClientStatistics,
                         dependencies: FunnelDependencies, options: PlanOptions) throws -> PlanResult {
        // The reads since `before` time the estimate: apply's calls go to the same Wix, over the same network.
        let after = dependencies.client.statistics
        let readCalls = after.requests - before.requests
        let context = PlanContext(
            createdAt: dependencies.now(), funnelVersion: FunnelKitVersion.current, configPath: configuration.path,
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

    /// Reads and maps every record (and the pipeline, when the source has one).
    static func readSource(_ configuration: FunnelConfiguration,
                           dependencies: FunnelDependencies) async throws -> (MappedRecords, SourcePipeline?) {
        let pipeline = try await dependencies.source.pipeline()
        let mapper = try RecordMapper(configuration: configuration, pipeline: pipeline)
        let mapped = try await mapper.mapAll(dependencies.source.records())
        return (mapped, pipeline)
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

public enum FunnelKitVersion {
    public static let current = "0.1.0"
}
