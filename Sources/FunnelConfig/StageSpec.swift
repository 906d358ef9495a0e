import FunnelCore

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
