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
