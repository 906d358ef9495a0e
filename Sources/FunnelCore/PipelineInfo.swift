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
