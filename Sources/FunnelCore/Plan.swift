public import Foundation

/// The ordered steps that make Wix match the config and the source, with everything a reviewer needs:
/// drift, rejected records, unowned cards, the API calls it will cost. Encoded as the `--json`
/// document (`format_version` 1) and saved by `plan --out` for `apply PLANFILE`.
public struct Plan: Sendable, Codable, Hashable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var createdAt: Date
    public var funnelVersion: String
    /// Absolute path and SHA-256 of the config the plan was made from.
    public var configPath: String
    public var configDigest: String
    /// SHA-256 over the source records as read.
    public var sourceDigest: String
    public var stateLineage: String
    public var stateSerial: Int
    public var workflowName: String
    /// Wix workflow id, nil when the plan creates the workflow.
    public var workflowId: String?
    public var steps: [PlanStep]
    public var drift: [DriftItem]
    public var rejected: [RejectedRecord]
    public var unowned: [UnownedCard]
    public var notes: [String]
    /// The version of every live object the plan read, for `apply PLANFILE`'s stale check.
    public var observed: [ObservedObject]
    public var estimate: CallEstimate
    /// The blast-radius gate's verdict (`refused` = exit 3 unless `--allow-large-changes`).
    public var gate: GateVerdict?
    /// The CRM pipeline the phases mirror (`workflow.phases: { from: source }`).
    public var pipeline: PipelineInfo?
    /// Counts of the leads the plan covers, for summaries.
    public var recordCount: Int
    /// Each mapped record's Wix objects once the plan is applied: what apply writes to the state.
    public var bindings: [RecordBinding]
    /// Each desired phase's Wix id (known or created by a step) and the CRM stage it mirrors.
    public var phaseBindings: [PhaseBinding]
    /// Each label and custom field the leads use: its key (known, or found or created by a step).
    public var definitions: [DefinitionBinding] = []

    public init(formatVersion: Int = Plan.currentFormatVersion, createdAt: Date, funnelVersion: String, configPath: String,
                configDigest: String, sourceDigest: String, stateLineage: String, stateSerial: Int, workflowName: String,
                workflowId: String?, steps: [PlanStep], drift: [DriftItem] = [], rejected: [RejectedRecord] = [],
                unowned: [UnownedCard] = [], notes: [String] = [], observed: [ObservedObject] = [],
                estimate: CallEstimate = CallEstimate(), gate: GateVerdict? = nil, pipeline: PipelineInfo? = nil,
                recordCount: Int = 0, bindings: [RecordBinding] = [], phaseBindings: [PhaseBinding] = []) {
        self.formatVersion = formatVersion; self.createdAt = createdAt; self.funnelVersion = funnelVersion
        self.configPath = configPath; self.configDigest = configDigest; self.sourceDigest = sourceDigest
        self.stateLineage = stateLineage; self.stateSerial = stateSerial; self.workflowName = workflowName
        self.workflowId = workflowId; self.steps = steps; self.drift = drift; self.rejected = rejected
        self.unowned = unowned; self.notes = notes; self.observed = observed; self.estimate = estimate
        self.gate = gate; self.pipeline = pipeline; self.recordCount = recordCount; self.bindings = bindings
        self.phaseBindings = phaseBindings
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", createdAt = "created_at", funnelVersion = "funnel_version"
        case configPath = "config_path", configDigest = "config_digest", sourceDigest = "source_digest"
        case stateLineage = "state_lineage", stateSerial = "state_serial", workflowName = "workflow_name"
        case workflowId = "workflow_id", steps, drift, rejected, unowned, notes, observed, estimate, gate, pipeline
        case recordCount = "record_count", bindings
        case phaseBindings = "phase_bindings"
        case definitions
    }

    /// Decodes a saved plan; one written before labels and custom fields existed has no `definitions`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formatVersion: try container.decode(Int.self, forKey: .formatVersion),
                  createdAt: try container.decode(Date.self, forKey: .createdAt),
                  funnelVersion: try container.decode(String.self, forKey: .funnelVersion),
                  configPath: try container.decode(String.self, forKey: .configPath),
                  configDigest: try container.decode(String.self, forKey: .configDigest),
                  sourceDigest: try container.decode(String.self, forKey: .sourceDigest),
                  stateLineage: try container.decode(String.self, forKey: .stateLineage),
                  stateSerial: try container.decode(Int.self, forKey: .stateSerial),
                  workflowName: try container.decode(String.self, forKey: .workflowName),
                  workflowId: try container.decodeIfPresent(String.self, forKey: .workflowId),
                  steps: try container.decode([PlanStep].self, forKey: .steps),
                  drift: try container.decode([DriftItem].self, forKey: .drift),
                  rejected: try container.decode([RejectedRecord].self, forKey: .rejected),
                  unowned: try container.decode([UnownedCard].self, forKey: .unowned),
                  notes: try container.decode([String].self, forKey: .notes),
                  observed: try container.decode([ObservedObject].self, forKey: .observed),
                  estimate: try container.decode(CallEstimate.self, forKey: .estimate),
                  gate: try container.decodeIfPresent(GateVerdict.self, forKey: .gate),
                  pipeline: try container.decodeIfPresent(PipelineInfo.self, forKey: .pipeline),
                  recordCount: try container.decode(Int.self, forKey: .recordCount),
                  bindings: try container.decode([RecordBinding].self, forKey: .bindings),
                  phaseBindings: try container.decode([PhaseBinding].self, forKey: .phaseBindings))
        definitions = try container.decodeIfPresent([DefinitionBinding].self, forKey: .definitions) ?? []
    }

    public var hasChanges: Bool { !steps.isEmpty }

    public var summary: PlanSummary { PlanSummary(steps: steps) }
}
