import Foundation

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

/// `Plan: N to create, N to move, N to update, N to archive.` and the rest.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var create = 0
    public var move = 0
    public var update = 0
    public var archive = 0
    public var delete = 0

    public init(steps: [PlanStep]) {
        for step in steps {
            switch step.action.kind {
            case .create: create += 1
            case .move: move += 1
            case .update: update += 1
            case .archive: archive += 1
            case .delete: delete += 1
            }
        }
    }

    /// The contract line: `Plan: 3 to create, 2 to move, 0 to update, 1 to archive.`
    public var line: String {
        "Plan: \(create) to create, \(move) to move, \(update) to update, \(archive) to archive."
    }
}

/// One executable step.
public struct PlanStep: Sendable, Codable, Hashable, Identifiable {
    public var id: Int
    public var group: StepGroup
    public var action: StepAction
    /// `workflow`, `phase["Qualified"]`, `contact["L-001"]`, `card["L-001"]`.
    public var address: String
    /// Human-visible values before and after (personal data is masked when rendered, not here).
    public var before: [String: String]?
    public var after: [String: String]?
    public var reason: String
    public var provenance: Provenance
    /// Steps that must succeed first; when one fails this step is skipped.
    public var dependsOn: [Int]
    /// What apply sends.
    public var operation: Operation

    public init(id: Int, group: StepGroup, action: StepAction, address: String, before: [String: String]? = nil,
                after: [String: String]? = nil, reason: String, provenance: Provenance = Provenance(),
                dependsOn: [Int] = [], operation: Operation) {
        self.id = id; self.group = group; self.action = action; self.address = address; self.before = before
        self.after = after; self.reason = reason; self.provenance = provenance; self.dependsOn = dependsOn
        self.operation = operation
    }

    enum CodingKeys: String, CodingKey {
        case id, group, action, address, before, after, reason, provenance, operation
        case dependsOn = "depends_on"
    }
}

/// The order of DESIGN.md §4; apply finishes a group before starting the next.
public enum StepGroup: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case workflow, phases, definitions, contacts
    case cardArchive = "card_archive"
    case cardMove = "card_move"
    case cardCreate = "card_create"
    case cardUpdate = "card_update"
    case phaseRemoval = "phase_removal"

    public static func < (lhs: StepGroup, rhs: StepGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// How many of the group's steps apply runs at once: phase positions depend on the order of
    /// earlier workflow and phase steps, so those run one by one.
    public func width(parallelism: Int) -> Int {
        self == .workflow || self == .phases ? 1 : max(1, parallelism)
    }
}

public enum StepAction: String, Sendable, Codable, Hashable {
    case createWorkflow = "create_workflow"
    case updateWorkflow = "update_workflow"
    case createPhase = "create_phase"
    case renamePhase = "rename_phase"
    case movePhase = "move_phase"
    case deletePhase = "delete_phase"
    case createLabel = "create_label"
    case createField = "create_field"
    case createContact = "create_contact"
    case updateContact = "update_contact"
    case createCard = "create_card"
    case moveCard = "move_card"
    case winCard = "win_card"
    case archiveCard = "archive_card"
    case restoreCard = "restore_card"
    case updateCard = "update_card"

    public enum Kind: Sendable { case create, move, update, archive, delete }

    /// How the summary line counts it (a restore brings a card back: a move).
    public var kind: Kind {
        switch self {
        case .createWorkflow, .createPhase, .createLabel, .createField, .createContact, .createCard: .create
        case .movePhase, .moveCard, .winCard, .restoreCard: .move
        case .updateWorkflow, .renamePhase, .updateContact, .updateCard: .update
        case .archiveCard: .archive
        case .deletePhase: .delete
        }
    }

    /// Terraform-like symbol: `+` create, `~` update, `->` move, `-` archive/delete.
    public var symbol: String {
        switch kind {
        case .create: "+"
        case .update: "~"
        case .move: "->"
        case .archive, .delete: "-"
        }
    }
}

/// An id known now, or one a previous step of the same apply will learn.
public enum IDRef: Sendable, Codable, Hashable, CustomStringConvertible {
    case id(String)
    /// The id created by step N.
    case created(step: Int)
    /// The win phase of the workflow created by step N.
    case winPhaseOf(step: Int)

    public var description: String {
        switch self {
        case .id(let id): id
        case .created(let step): "(known after step \(step))"
        case .winPhaseOf(let step): "(win phase of step \(step))"
        }
    }

    public var knownID: String? {
        if case .id(let id) = self { return id }
        return nil
    }
}

/// The Wix call a step makes, with every value it sends.
public enum Operation: Sendable, Codable, Hashable {
    case createWorkflow(name: String, description: String?)
    case updateWorkflow(workflow: String, name: String, description: String?)
    case createPhase(workflow: IDRef, name: String, position: Int)
    case renamePhase(phase: String, name: String)
    case movePhase(workflow: String, phase: String, position: Int)
    case deletePhase(phase: String)
    /// Find Or Create Label by display name.
    case createLabel(name: String)
    /// Find Or Create Extended Field by display name, with its type.
    case createField(name: String, type: CustomFieldType)
    case createContact(identity: ContactIdentity, fields: DesiredContact)
    case updateContact(contact: String, revision: Int, fields: DesiredContact)
    case createCard(workflow: IDRef, phase: IDRef, contact: IDRef, name: String, description: String?, source: String,
                    recordKey: String)
    case moveCard(card: String, phase: IDRef)
    case archiveCard(card: String)
    case restoreCard(card: String, phase: IDRef)
    case updateCard(card: String, name: String, description: String?, contact: IDRef, source: String)
}

/// A card moved or edited by hand in Wix.
public struct DriftItem: Sendable, Codable, Hashable {
    public var address: String
    public var description: String
    /// `revert` (a step puts it back) or `keep` (left as the person set it).
    public var resolution: String

    public init(address: String, description: String, resolution: String) {
        self.address = address; self.description = description; self.resolution = resolution
    }
}

/// A card in the workflow that funnel does not own (another `source`): listed, never touched.
public struct UnownedCard: Sendable, Codable, Hashable {
    public var cardId: String
    public var name: String
    public var source: String?
    public var phase: String?
    public var archived: Bool

    public init(cardId: String, name: String, source: String?, phase: String?, archived: Bool) {
        self.cardId = cardId; self.name = name; self.source = source; self.phase = phase; self.archived = archived
    }
}

/// A live object and the version the plan saw (`updatedDate`, `revision`, or a name/position digest).
public struct ObservedObject: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable { case workflow, phase, card, contact }
    public var kind: Kind
    public var id: String
    public var address: String
    public var version: String

    public init(kind: Kind, id: String, address: String, version: String) {
        self.kind = kind; self.id = id; self.address = address; self.version = version
    }
}

/// API calls apply will make and how long they should take: the latency the plan measured while
/// reading, spread over the parallelism, or the rate limit, whichever bounds it.
public struct CallEstimate: Sendable, Codable, Hashable {
    public var apiCalls: Int
    public var seconds: Double
    /// `200 requests/minute`, `31 ms per call measured, parallelism 4`.
    public var basis: String
    /// API calls the plan itself made while reading Wix.
    public var planReadCalls: Int
    /// Seconds one call took on average while the plan read Wix (nil: nothing was read, an assumed value was used).
    public var secondsPerCall: Double?
    /// Calls apply runs at once (phase steps always run one at a time).
    public var parallelism: Int?
    /// The client's rate limit (nil: none).
    public var requestsPerMinute: Int?
    /// What bounds `seconds`: `latency` or `rate_limit`.
    public var bound: Bound?

    /// What bounds an apply's duration.
    public enum Bound: String, Sendable, Codable, Hashable {
        /// Calls × measured latency ÷ parallelism.
        case latency
        /// Calls ÷ the rate limit.
        case rateLimit = "rate_limit"
    }

    public init(apiCalls: Int = 0, seconds: Double = 0, basis: String = "", planReadCalls: Int = 0,
                secondsPerCall: Double? = nil, parallelism: Int? = nil, requestsPerMinute: Int? = nil, bound: Bound? = nil) {
        self.apiCalls = apiCalls; self.seconds = seconds; self.basis = basis; self.planReadCalls = planReadCalls
        self.secondsPerCall = secondsPerCall; self.parallelism = parallelism; self.requestsPerMinute = requestsPerMinute
        self.bound = bound
    }

    enum CodingKeys: String, CodingKey {
        case apiCalls = "api_calls", seconds, basis
        case planReadCalls = "plan_read_calls"
        case secondsPerCall = "seconds_per_call", parallelism
        case requestsPerMinute = "requests_per_minute", bound
    }
}

public struct GateVerdict: Sendable, Codable, Hashable {
    public var refused: Bool
    public var message: String
    public init(refused: Bool, message: String) { self.refused = refused; self.message = message }
}

/// The CRM pipeline a mirrored funnel follows, shown in the plan's header.
public struct PipelineInfo: Sendable, Codable, Hashable {
    public struct Stage: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        public var kind: String
        public init(id: String, label: String, kind: String) { self.id = id; self.label = label; self.kind = kind }
    }
    public var id: String
    public var name: String
    public var stages: [Stage]
    public init(id: String, name: String, stages: [Stage]) { self.id = id; self.name = name; self.stages = stages }
}

/// One record's Wix objects after apply (ids known now or learned from steps) and the values applied.
public struct RecordBinding: Sendable, Codable, Hashable {
    public var key: String
    public var identity: ContactIdentity
    public var contact: IDRef
    /// nil when the record has no card (a lost lead never seen).
    public var card: IDRef?
    public var target: TargetRef
    public var phase: IDRef?
    public var contactFields: DesiredContact
    public var cardName: String
    public var cardDescription: String?
    /// The card's due date (`card.due`), `YYYY-MM-DD`.
    public var cardDue: String?

    public init(key: String, identity: ContactIdentity, contact: IDRef, card: IDRef?, target: TargetRef, phase: IDRef?,
                contactFields: DesiredContact, cardName: String, cardDescription: String?, cardDue: String? = nil) {
        self.key = key; self.identity = identity; self.contact = contact; self.card = card; self.target = target
        self.phase = phase; self.contactFields = contactFields; self.cardName = cardName; self.cardDescription = cardDescription
        self.cardDue = cardDue
    }
}

/// A desired phase's Wix id after apply, and the CRM stage id it mirrors (`workflow.phases: { from: source }`).
public struct PhaseBinding: Sendable, Codable, Hashable {
    public var name: String
    public var stageId: String?
    public var phase: IDRef

    public init(name: String, stageId: String?, phase: IDRef) {
        self.name = name; self.stageId = stageId; self.phase = phase
    }

    enum CodingKeys: String, CodingKey { case name, stageId = "stage_id", phase }
}

/// A label or custom field the plan's contacts use, and its Wix key: known, or learned by the step
/// that finds or creates it.
public struct DefinitionBinding: Sendable, Codable, Hashable {
    public var kind: DefinitionKind
    /// The display name as the config writes it.
    public var name: String
    /// Custom fields: the type values are written in.
    public var type: CustomFieldType?
    public var key: IDRef

    public init(kind: DefinitionKind, name: String, type: CustomFieldType? = nil, key: IDRef) {
        self.kind = kind; self.name = name; self.type = type; self.key = key
    }
}
