/// A desired active phase, left to right.
public struct DesiredPhase: Sendable, Hashable, Codable {
    public var name: String
    /// Former names: a live phase with one of these is renamed, not deleted and recreated.
    public var was: [String]
    /// The CRM stage id this phase mirrors (`workflow.phases: { from: source }`), the phase's identity.
    public var stageId: String?
    public var location: SourceLocation?

    public init(name: String, was: [String] = [], stageId: String? = nil, location: SourceLocation? = nil) {
        self.name = name; self.was = was; self.stageId = stageId; self.location = location
    }
}
