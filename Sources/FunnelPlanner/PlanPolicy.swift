import FunnelCore

/// `policy:` as the planner applies it.
public struct PlanPolicy: Sendable {
    public enum Missing: String, Sendable { case archive, keep }
    public enum Drift: String, Sendable { case revert, keep }
    /// `policy.max_archive`: how many owned cards one plan may archive.
    public enum ArchiveLimit: Sendable, Hashable {
        /// Exactly this many; `0` allows no archive at all.
        case count(Int)
        /// This share of the owned live cards, rounded up and at least 1 (so no funnel is frozen by
        /// its size); `0%` allows no archive at all, like the count `0`.
        case percent(Double)

        /// The number of archives allowed when the workflow holds `ownedLive` owned, non-archived cards.
        public func allowed(ownedLive: Int) -> Int {
            switch self {
            case .count(let count):
                return count
            case .percent(let percent):
                guard percent > 0 else { return 0 }
                // The tolerance keeps a share that is a whole number in decimal (12.5% of 8 = 1)
                // from being pushed up by binary rounding.
                let exact = Double(ownedLive) * percent / 100
                return max(1, Int((exact - 1e-9).rounded(.up)))
            }
        }
    }

    public var missing: Missing
    public var drift: Drift
    public var maxArchive: ArchiveLimit
    public var deletePhases: Bool
    /// `--allow-large-changes`: the blast-radius gate reports but does not refuse.
    public var allowLargeChanges: Bool
    /// Where each policy was written, for provenance.
    public var missingLocation: SourceLocation?
    public var driftLocation: SourceLocation?
    public var maxArchiveLocation: SourceLocation?

    public init(missing: Missing = .archive, drift: Drift = .revert, maxArchive: ArchiveLimit = .percent(10),
                deletePhases: Bool = true, allowLargeChanges: Bool = false, missingLocation: SourceLocation? = nil,
                driftLocation: SourceLocation? = nil, maxArchiveLocation: SourceLocation? = nil) {
        self.missing = missing; self.drift = drift; self.maxArchive = maxArchive; self.deletePhases = deletePhases
        self.allowLargeChanges = allowLargeChanges; self.missingLocation = missingLocation
        self.driftLocation = driftLocation; self.maxArchiveLocation = maxArchiveLocation
    }
}
