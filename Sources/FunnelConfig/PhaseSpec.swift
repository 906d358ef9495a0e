import FunnelCore

/// One active phase, left to right. `was` lists former names (a rename, not delete + create).
public struct PhaseSpec: Sendable, Hashable {
    public var name: String
    public var was: [String]
    public var location: SourceLocation?

    public init(name: String, was: [String] = [], location: SourceLocation? = nil) {
        self.name = name; self.was = was; self.location = location
    }
}
