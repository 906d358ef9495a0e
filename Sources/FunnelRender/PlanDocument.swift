import Foundation
import FunnelCore

/// The saved / `--json` plan document (docs/plan-format.md): the wire shape of a `Plan`, kept apart from
/// the in-memory model so the published format changes only on purpose. Keys are snake_case; optional
/// values are omitted when absent.
struct PlanDocument: Codable {
    var formatVersion: Int
    /// True when emails and phones were masked: such a document can be shown but never applied.
    var personalDataMasked: Bool
    var createdAt: Date
    var funnelVersion: String
    var configPath: String
    var configDigest: String
    var sourceDigest: String
    var stateLineage: String
    var stateSerial: Int
    var workflowName: String
    var workflowId: String?
    var recordCount: Int
    /// Derived from the steps when written; ignored when read.
    var summary: SummaryDocument?
    var steps: [StepDocument]
    var drift: [DriftItem]
    var rejected: [RejectedRecord]
    var unowned: [UnownedCardDocument]
    var notes: [String]
    var observed: [ObservedObject]
    var estimate: CallEstimate
    var gate: GateVerdict?
    var pipeline: PipelineInfo?
    /// What apply writes to the state per record and phase; only in unmasked (appliable) documents,
    /// since they hold the mapped contact fields.
    var bindings: [RecordBindingDocument]?
    var phaseBindings: [PhaseBindingDocument]?
    /// Each label and custom field the contacts use: its key, or the step finding or creating it.
    var definitions: [DefinitionBindingDocument]?

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", personalDataMasked = "personal_data_masked"
        case createdAt = "created_at", funnelVersion = "funnel_version", configPath = "config_path"
        case configDigest = "config_digest", sourceDigest = "source_digest", stateLineage = "state_lineage"
        case stateSerial = "state_serial", workflowName = "workflow_name", workflowId = "workflow_id"
        case recordCount = "record_count"
        case summary, steps, drift, rejected, unowned, notes, observed, estimate, gate, pipeline, bindings
        case phaseBindings = "phase_bindings", definitions
    }

    init(_ plan: Plan, personalDataMasked: Bool) {
        formatVersion = plan.formatVersion; self.personalDataMasked = personalDataMasked
        createdAt = plan.createdAt; funnelVersion = plan.funnelVersion; configPath = plan.configPath
        configDigest = plan.configDigest; sourceDigest = plan.sourceDigest; stateLineage = plan.stateLineage
        stateSerial = plan.stateSerial; workflowName = plan.workflowName; workflowId = plan.workflowId
        recordCount = plan.recordCount; summary = SummaryDocument(plan.summary)
        steps = plan.steps.map(StepDocument.init); drift = plan.drift; rejected = plan.rejected
        unowned = plan.unowned.map(UnownedCardDocument.init); notes = plan.notes; observed = plan.observed
        estimate = plan.estimate; gate = plan.gate; pipeline = plan.pipeline
        bindings = personalDataMasked || plan.bindings.isEmpty ? nil : plan.bindings.map(RecordBindingDocument.init)
        phaseBindings = plan.phaseBindings.isEmpty ? nil : plan.phaseBindings.map(PhaseBindingDocument.init)
        definitions = plan.definitions.isEmpty ? nil : plan.definitions.map(DefinitionBindingDocument.init)
    }

    func plan() throws -> Plan {
        let steps = try steps.enumerated().map { index, step in
            try step.step(at: "steps[\(index)]")
        }
        var plan = Plan(formatVersion: formatVersion, createdAt: createdAt, funnelVersion: funnelVersion,
                    configPath: configPath, configDigest: configDigest, sourceDigest: sourceDigest,
                    stateLineage: stateLineage, stateSerial: stateSerial, workflowName: workflowName,
                    workflowId: workflowId, steps: steps, drift: drift, rejected: rejected,
                    unowned: unowned.map(\.card), notes: notes, observed: observed, estimate: estimate, gate: gate,
                    pipeline: pipeline, recordCount: recordCount, bindings: bindings?.map(\.binding) ?? [],
                    phaseBindings: phaseBindings?.map(\.binding) ?? [])
        plan.definitions = definitions?.map(\.binding) ?? []
        return plan
    }
}

/// `summary`: the counts behind the `Plan: …` line, for CI scripts (`jq .summary.archive`).
struct SummaryDocument: Codable {
    var create: Int
    var move: Int
    var update: Int
    var archive: Int
    var delete: Int
    var line: String

    init(_ summary: PlanSummary) {
        create = summary.create; move = summary.move; update = summary.update; archive = summary.archive
        delete = summary.delete; line = summary.line
    }
}

/// A card funnel does not own, with a snake_case `card_id`.
struct UnownedCardDocument: Codable {
    var cardId: String
    var name: String
    var source: String?
    var phase: String?
    var archived: Bool

    enum CodingKeys: String, CodingKey {
        case cardId = "card_id", name, source, phase, archived
    }

    init(_ card: UnownedCard) {
        cardId = card.cardId; name = card.name; source = card.source; phase = card.phase; archived = card.archived
    }

    var card: UnownedCard { UnownedCard(cardId: cardId, name: name, source: source, phase: phase, archived: archived) }
}
