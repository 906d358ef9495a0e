public import FunnelCore

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

    /// Every mapping template of the config (contact fields, labels, custom fields, card name, description
    /// and due date), compiled.
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
