import FunnelCore

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
