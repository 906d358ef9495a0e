public import FunnelConfig

/// A CRM pipeline and its stages, in display order.
public struct SourcePipeline: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Sorted by `displayOrder`, then label.
    public var stages: [SourceStage]

    public init(id: String, name: String, stages: [SourceStage]) {
        self.id = id; self.name = name
        self.stages = stages.sorted { ($0.displayOrder, $0.label) < ($1.displayOrder, $1.label) }
    }

    /// The stage whose id is `value`, else the one whose label is `value`.
    public func stage(_ value: String) -> SourceStage? {
        stages.first { $0.id == value } ?? stages.first { $0.label == value }
    }

    /// The pipeline declared in `source.stages` (file and http sources).
    public init(declared stages: [StageSpec], name: String = "source") {
        self.init(id: name, name: name, stages: stages.map {
            SourceStage(id: $0.id, label: $0.label, displayOrder: $0.order, kind: SourceStage.Kind(rawValue: $0.kind.rawValue) ?? .open)
        })
    }
}

/// One pipeline stage: open, or closed as won or lost.
public struct SourceStage: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case open, won, lost }
    public var id: String
    public var label: String
    public var displayOrder: Int
    public var kind: Kind

    public init(id: String, label: String, displayOrder: Int, kind: Kind) {
        self.id = id; self.label = label; self.displayOrder = displayOrder; self.kind = kind
    }
}
