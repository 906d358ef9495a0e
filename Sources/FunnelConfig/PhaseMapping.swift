import FunnelCore

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
