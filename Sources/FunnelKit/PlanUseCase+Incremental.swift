public import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources
public import FunnelState
import WixAPI

extension PlanUseCase {
    /// Plans just the records `keys` name (a webhook's incremental reconcile): reads those records
    /// from the source and, in Wix, the workflow, their contacts and their cards — a handful of calls,
    /// never a page-wise read of the workflow. Records the source no longer has are treated as missing.
    public static func runIncremental(_ configuration: FunnelConfiguration, keys: [String],
                                      dependencies: FunnelDependencies, options: PlanOptions,
                                      store: (any StateStore)?) async throws -> PlanResult {
        let (state, lastApply) = try await remembered(in: store, configuration)
        let read = try await SourceFactory.readAndMap(configuration, from: dependencies.source, keys: keys)
        let (mapped, pipeline) = (read.mapped, read.pipeline)
        var desired = try DesiredBuilder.desired(configuration, mapped: mapped, pipeline: pipeline)
        desired.scope = .records(Set(keys))
        let before = dependencies.client.statistics
        let rememberedCards = keys.compactMap { state.records[$0]?.cardId }
        var live = try await LiveReader(client: dependencies.client, country: configuration.contact.country).readIncremental(
            workflowName: desired.workflowName, pinnedId: desired.pinnedWorkflowId, rememberedId: state.workflowId,
            identities: desired.leads.map(\.identity), rememberedCards: rememberedCards)
        try await LiveReader(client: dependencies.client, country: configuration.contact.country)
            .readDefinitions(labels: !configuration.contact.labels.isEmpty, fields: !configuration.contact.custom.isEmpty, into: &live)
        return try await makePlan(configuration, desired: desired, live: live, state: state, mapped: mapped, pipeline: pipeline,
                            readsSince: before, lastApply: lastApply, dependencies: dependencies, options: options)
    }
}
