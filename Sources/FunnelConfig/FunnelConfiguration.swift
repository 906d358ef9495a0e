import FunnelCore

/// A loaded, validated `funnel.yaml` (version 1). Produced only by `ConfigLoader`; every value here
/// has passed validation, env references are already substituted, relative paths are resolved
/// against the config file's directory.
public struct FunnelConfiguration: Sendable {
    /// Absolute path of the config file.
    public var path: String
    /// SHA-256 (hex) of the config file's bytes as read, before interpolation; pins saved plans.
    public var digest: String
    public var version: Int
    public var wix: WixSettings
    public var workflow: WorkflowSpec
    public var source: SourceSpec
    public var contact: ContactSpec
    public var card: CardSpec
    /// Where the state is: a SQLite file (default `.funnel/state.db` beside the config, absolute)
    /// or a PostgreSQL database (`state: ${FUNNEL_STATE_URL}`).
    public var stateLocation: StateLocation
    /// This funnel's namespace in a shared PostgreSQL state database; defaults to
    /// `"<wix siteId>/<workflow name>"` (`defaultStateNamespace`). A SQLite file ignores it.
    public var stateNamespace: String
    public var policy: PolicySpec

    public init(path: String, digest: String, version: Int, wix: WixSettings, workflow: WorkflowSpec,
                source: SourceSpec, contact: ContactSpec, card: CardSpec, state: StateLocation,
                stateNamespace: String? = nil, policy: PolicySpec) {
        self.path = path; self.digest = digest; self.version = version; self.wix = wix
        self.workflow = workflow; self.source = source; self.contact = contact; self.card = card
        self.stateLocation = state; self.policy = policy
        self.stateNamespace = stateNamespace ?? Self.defaultStateNamespace(wix: wix, workflow: workflow)
    }

    /// A configuration whose state is the SQLite file at `statePath`.
    public init(path: String, digest: String, version: Int, wix: WixSettings, workflow: WorkflowSpec,
                source: SourceSpec, contact: ContactSpec, card: CardSpec, statePath: String, policy: PolicySpec) {
        self.init(path: path, digest: digest, version: version, wix: wix, workflow: workflow, source: source,
                  contact: contact, card: card, state: .sqlite(path: statePath), policy: policy)
    }

    /// Every mapping template of the config (contact fields, labels, custom fields, card name,
    /// description and due date), compiled.
    public var templates: [TemplateSpec] {
        contact.fields.sorted { $0.key < $1.key }.map(\.value) + contact.labels + contact.custom.map(\.value)
            + [card.name] + (card.description.map { [$0] } ?? []) + (card.due.map { [$0] } ?? [])
    }

    /// The record fields the config reads: the key, the stage field and every template's paths.
    /// Give it to `SourceFactory.make(_:usedFields:…)` (a CSV header check, a CRM's property list).
    public var usedFields: Set<String> {
        var used: Set<String> = [source.key, card.phase.from]
        for spec in templates { if let template = try? spec.template() { used.formUnion(template.referencedPaths) } }
        return used
    }

    /// The SQLite file's path, or the database URL with its password masked (safe to print).
    public var statePath: String { stateLocation.description }

    /// `"<wix siteId>/<workflow name>"` (`sandbox:<data path>/…` for the sandbox; the pinned
    /// workflow id, else `pipeline`, when the workflow has no name).
    public static func defaultStateNamespace(wix: WixSettings, workflow: WorkflowSpec) -> String {
        let site = switch wix.target {
        case .sandbox(let dataPath): "sandbox:\(dataPath)"
        case .site(let siteId, _): siteId
        }
        return "\(site)/\(workflow.name ?? workflow.id ?? "pipeline")"
    }
}

/// Where the Wix site is: the built-in sandbox over a data file, or a real site.
public struct WixSettings: Sendable {
    public enum Target: Sendable {
        /// `wix.sandbox: PATH` — absolute path of the sandbox data file.
        case sandbox(dataPath: String)
        /// `wix.siteId` + `wix.apiKey` (or `wix.oauth`).
        case site(siteId: String, credentials: Credentials)
    }

    public enum Credentials: Sendable {
        case apiKey(Secret)
        case oauth(appId: String, appSecret: Secret, instanceId: String)
    }

    public var target: Target
    /// `wix.endpoint`, default `https://www.wixapis.com`.
    public var endpoint: String?
    /// `wix.rate_limit`: requests per minute (default 200 on a real site, none on the sandbox).
    public var requestsPerMinute: Int?
    public var location: SourceLocation?

    public init(target: Target, endpoint: String? = nil, requestsPerMinute: Int? = nil, location: SourceLocation? = nil) {
        self.target = target; self.endpoint = endpoint; self.requestsPerMinute = requestsPerMinute; self.location = location
    }
}

/// `workflow:` — the Wix workflow funnel manages.
public struct WorkflowSpec: Sendable {
    /// Exact workflow name; nil only when phases mirror a CRM pipeline (name defaults to the pipeline's).
    public var name: String?
    public var description: String?
    /// `workflow.id`: pin a workflow when two share the name.
    public var id: String?
    public var phases: PhasesSpec
    public var location: SourceLocation?

    public init(name: String?, description: String? = nil, id: String? = nil, phases: PhasesSpec, location: SourceLocation? = nil) {
        self.name = name; self.description = description; self.id = id; self.phases = phases; self.location = location
    }
}

/// `workflow.phases`: a list, or `{ from: source }` to mirror the CRM pipeline.
public enum PhasesSpec: Sendable {
    case list([PhaseSpec])
    case fromSource(MirrorSpec)
}

/// One active phase, left to right. `was` lists former names (a rename, not delete + create).
public struct PhaseSpec: Sendable, Hashable {
    public var name: String
    public var was: [String]
    public var location: SourceLocation?

    public init(name: String, was: [String] = [], location: SourceLocation? = nil) {
        self.name = name; self.was = was; self.location = location
    }
}

/// `workflow.phases: { from: source, rename: {...}, exclude: [...], merge: {...} }`.
public struct MirrorSpec: Sendable {
    /// Stage id or label → phase name override.
    public var rename: [String: String]
    /// Stage ids or labels not mirrored.
    public var exclude: [String]
    /// Stage id or label → target phase (several stages onto one phase), or `$win` / `$archive`.
    public var map: [String: TargetRef]
    public var location: SourceLocation?

    public init(rename: [String: String] = [:], exclude: [String] = [], map: [String: TargetRef] = [:], location: SourceLocation? = nil) {
        self.rename = rename; self.exclude = exclude; self.map = map; self.location = location
    }
}

/// A pipeline stage declared in the source (`source.stages`) for file and http sources.
public struct StageSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case open, won, lost }
    public var id: String
    public var label: String
    public var order: Int
    public var kind: Kind
    public var location: SourceLocation?

    public init(id: String, label: String, order: Int, kind: Kind, location: SourceLocation? = nil) {
        self.id = id; self.label = label; self.order = order; self.kind = kind; self.location = location
    }
}

/// A mapping template as written in the config, with where it was written, compiled once when the
/// spec is made: the loader's validation, `usedFields` and the record mapper all share that one compile.
public struct TemplateSpec: Sendable, Hashable {
    public let text: String
    public let location: SourceLocation?
    /// The compiled template, or the syntax error at the template's line.
    public let compiled: Result<MappingTemplate, Diagnostic>

    public init(_ text: String, location: SourceLocation? = nil) {
        self.text = text; self.location = location
        compiled = Result { () throws(Diagnostic) in try MappingTemplate(text: text, location: location) }
    }

    /// The compiled template; throws its syntax error.
    public func template() throws(Diagnostic) -> MappingTemplate { try compiled.get() }

    public static func == (lhs: TemplateSpec, rhs: TemplateSpec) -> Bool { lhs.text == rhs.text && lhs.location == rhs.location }
    public func hash(into hasher: inout Hasher) { hasher.combine(text); hasher.combine(location) }
}

/// `contact:` — how a record finds and fills its Wix contact.
public struct ContactSpec: Sendable {
    public enum Match: String, Sendable { case email, phone }
    public var match: Match
    /// Keys: `first`, `last`, `email`, `phone`, `company`, `jobTitle` (more may be added).
    public var fields: [String: TemplateSpec]
    /// `contact.country`: the ISO 3166-1 alpha-2 code (`US`) national phone numbers belong to; sent to
    /// Wix as each phone's `countryCode`. nil: every phone must be written with `+`.
    public var country: String?
    /// `contact.labels`: label display names (templates), in the order written.
    public var labels: [TemplateSpec]
    /// `contact.custom`: custom fields by display name, in the order written.
    public var custom: [CustomFieldSpec]
    /// `contact.update`: field (built-in or custom display name) → who owns it; absent = `always`.
    public var update: [String: UpdateRule]
    public var location: SourceLocation?

    public init(match: Match, fields: [String: TemplateSpec], country: String? = nil, labels: [TemplateSpec] = [],
                custom: [CustomFieldSpec] = [], update: [String: UpdateRule] = [:], location: SourceLocation? = nil) {
        self.match = match; self.fields = fields; self.country = country; self.labels = labels; self.custom = custom
        self.update = update; self.location = location
    }
}

/// One `contact.custom` entry: a display name, its type and the template of its value.
public struct CustomFieldSpec: Sendable, Hashable {
    public var name: String
    public var type: CustomFieldType
    public var value: TemplateSpec
    public var location: SourceLocation?

    public init(name: String, type: CustomFieldType = .text, value: TemplateSpec, location: SourceLocation? = nil) {
        self.name = name; self.type = type; self.value = value; self.location = location
    }

    public var definition: CustomFieldDefinition { CustomFieldDefinition(name: name, type: type, location: location) }
}

/// `card:` — the card each record becomes.
public struct CardSpec: Sendable {
    /// Written to `card.source`; marks the cards funnel owns.
    public var source: String
    public var name: TemplateSpec
    public var description: TemplateSpec?
    /// `card.due`: the card's `dueDate` (a `YYYY-MM-DD` date).
    public var due: TemplateSpec?
    public var phase: PhaseMapping
    public var location: SourceLocation?

    public init(source: String, name: TemplateSpec, description: TemplateSpec?, due: TemplateSpec? = nil, phase: PhaseMapping,
                location: SourceLocation? = nil) {
        self.source = source; self.name = name; self.description = description; self.due = due; self.phase = phase
        self.location = location
    }
}

/// `card.phase`: the record field holding the stage, and stage value → target.
public struct PhaseMapping: Sendable {
    /// Record field (dotted path allowed) that says where the lead is.
    public var from: String
    public var map: [String: TargetRef]
    /// Where each map entry was written (for provenance and errors).
    public var mapLocations: [String: SourceLocation]
    /// `card.phase.default`: target for values not in the map; nil = such records are rejected.
    public var defaultTarget: TargetRef?
    public var location: SourceLocation?

    public init(from: String, map: [String: TargetRef], mapLocations: [String: SourceLocation] = [:],
                defaultTarget: TargetRef? = nil, location: SourceLocation? = nil) {
        self.from = from; self.map = map; self.mapLocations = mapLocations
        self.defaultTarget = defaultTarget; self.location = location
    }
}

/// `policy:` — how far funnel may go on its own.
public struct PolicySpec: Sendable {
    public enum Missing: String, Sendable { case archive, keep }
    public enum Drift: String, Sendable { case revert, keep }
    public enum Limit: Sendable, Hashable {
        case count(Int)
        case percent(Double)
    }

    public var missing: Missing
    public var drift: Drift
    /// Blast-radius gate on archives (default 10%).
    public var maxArchive: Limit
    /// `policy.delete_phases`: delete phases removed from the config once empty (default true).
    public var deletePhases: Bool
    /// Where `max_archive` was written (the gate's refusal cites it); nil for the default.
    public var maxArchiveLocation: SourceLocation?

    public init(missing: Missing = .archive, drift: Drift = .revert, maxArchive: Limit = .percent(10), deletePhases: Bool = true,
                maxArchiveLocation: SourceLocation? = nil) {
        self.missing = missing; self.drift = drift; self.maxArchive = maxArchive; self.deletePhases = deletePhases
        self.maxArchiveLocation = maxArchiveLocation
    }
}
