import FunnelCore

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
