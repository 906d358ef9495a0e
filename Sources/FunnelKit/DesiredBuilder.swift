import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources

/// Turns the configuration and the mapped records into the planner's desired funnel.
enum DesiredBuilder {
    static func desired(_ configuration: FunnelConfiguration, mapped: MappedRecords,
                        pipeline: SourcePipeline?) throws -> DesiredFunnel {
        let phases: [DesiredPhase]
        switch configuration.workflow.phases {
        case .list(let list):
            phases = list.map { DesiredPhase(name: $0.name, was: $0.was, location: $0.location) }
        case .fromSource(let mirror):
            guard let pipeline else {
                throw FunnelError("workflow.phases mirrors the source's pipeline, but the \(configuration.source.kind.typeName) source has no pipeline (declare `source.stages`)")
            }
            phases = PipelineMirror.phases(pipeline, mirror: mirror)
        }
        let name = configuration.workflow.name ?? pipeline?.name ?? "Lead Funnel"
        var desired = DesiredFunnel(workflowName: name, workflowDescription: configuration.workflow.description,
                                    pinnedWorkflowId: configuration.workflow.id, phases: phases,
                                    cardSource: configuration.card.source, leads: mapped.leads, rejected: mapped.rejected,
                                    recordCount: mapped.recordCount)
        desired.customFields = configuration.contact.custom.map(\.definition)
        desired.updateRules = configuration.contact.update
        return desired
    }

    static func policy(_ spec: PolicySpec, options: PlanOptions) -> PlanPolicy {
        let limit: PlanPolicy.ArchiveLimit = switch spec.maxArchive {
        case .count(let count): .count(count)
        case .percent(let percent): .percent(percent)
        }
        return PlanPolicy(missing: spec.missing == .archive ? .archive : .keep,
                          drift: spec.drift == .revert ? .revert : .keep, maxArchive: limit,
                          deletePhases: spec.deletePhases, allowLargeChanges: options.allowLargeChanges,
                          gateOverride: options.gateOverride,
                          maxArchiveLocation: spec.maxArchiveLocation)
    }
}

/// `workflow.phases: { from: source }`: the pipeline's open stages, in order, as phases.
enum PipelineMirror {
    static func phases(_ pipeline: SourcePipeline, mirror: MirrorSpec) -> [DesiredPhase] {
        var phases: [DesiredPhase] = []
        var seen = Set<String>()
        for stage in pipeline.stages where stage.kind == .open {
            if mirror.exclude.contains(stage.id) || mirror.exclude.contains(stage.label) { continue }
            if let target = mirror.map[stage.id] ?? mirror.map[stage.label], target != .phase(stage.label) { continue }
            let name = mirror.rename[stage.id] ?? mirror.rename[stage.label] ?? stage.label
            guard seen.insert(name).inserted else { continue }
            phases.append(DesiredPhase(name: name, stageId: stage.id, location: mirror.location))
        }
        return phases
    }
}
