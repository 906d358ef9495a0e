public import Foundation

/// What `funnel report` shows: the funnel as it stands in Wix now, the moves funnel applied lately
/// (from the apply journal), how long cards have sat where they are, and the records the source
/// cannot sync. Made by `ReportUseCase`, drawn by `ReportRenderer`; documented in docs/report.md.
public struct FunnelReport: Sendable, Hashable {
    /// Cards in one place of the board now.
    public struct PlaceCount: Sendable, Hashable {
        /// An active phase, the Win phase, or the archived cards.
        public enum Kind: String, Sendable, Hashable { case phase, win, archived }

        public var kind: Kind
        /// The phase name, `Win` or `archived`.
        public var name: String
        public var cards: Int
        /// Of `cards`, those funnel owns (its card source, or remembered by its state).
        public var owned: Int
        /// Median days the cards have spent in this place (nil when the place is empty or archived).
        public var medianDaysInPhase: Double?

        public init(kind: Kind = .phase, name: String, cards: Int, owned: Int, medianDaysInPhase: Double? = nil) {
            self.kind = kind; self.name = name; self.cards = cards; self.owned = owned; self.medianDaysInPhase = medianDaysInPhase
        }
    }

    /// How the time in phase was measured: from the journal, or from Wix's `updatedDate`.
    public struct TimeInPhaseBasis: Sendable, Hashable {
        /// Cards whose arrival in their current phase the journal recorded (an applied create, move, win or restore).
        public var journal: Int
        /// Cards measured since their last change in Wix (`updatedDate`): a lower bound of their time there.
        public var updatedDate: Int
        /// Cards with neither (no date from Wix).
        public var unknown: Int

        public init(journal: Int = 0, updatedDate: Int = 0, unknown: Int = 0) {
            self.journal = journal; self.updatedDate = updatedDate; self.unknown = unknown
        }
    }

    /// The applied moves and the journal they were read from.
    public struct Moves: Sendable, Hashable {
        public var flows: CardFlows
        /// Apply runs started inside the window whose card steps are counted.
        public var runs: Int
        /// The oldest run the journal still holds (it keeps the last few runs); nil when it is empty.
        public var journalStart: Date?
        /// True when the journal has pruned runs and its oldest began inside the window: moves of
        /// earlier runs in the window are no longer known, so the counts are a lower bound.
        public var journalTruncated: Bool

        public init(flows: CardFlows, runs: Int, journalStart: Date?, journalTruncated: Bool = false) {
            self.flows = flows; self.runs = runs; self.journalStart = journalStart; self.journalTruncated = journalTruncated
        }
    }

    public var generatedAt: Date
    public var funnelVersion: String
    public var configPath: String
    public var workflowName: String
    /// nil when the workflow does not exist in Wix yet.
    public var workflowId: String?
    /// The active phases in board order.
    public var phases: [PlaceCount]
    /// Cards in the Win phase, and archived cards.
    public var win: PlaceCount
    public var archived: PlaceCount
    public var timeInPhaseBasis: TimeInPhaseBasis
    /// The window the moves are counted in: `since` seconds before `generatedAt`.
    public var sinceSeconds: Double
    public var moves: Moves
    /// Records the source holds and the records of it the last plan could not sync.
    public var recordCount: Int
    public var rejected: [RejectedRecord]

    public init(generatedAt: Date, funnelVersion: String, configPath: String, workflowName: String, workflowId: String?,
                phases: [PlaceCount], win: PlaceCount, archived: PlaceCount, timeInPhaseBasis: TimeInPhaseBasis,
                sinceSeconds: Double, moves: Moves, recordCount: Int, rejected: [RejectedRecord]) {
        self.generatedAt = generatedAt; self.funnelVersion = funnelVersion; self.configPath = configPath
        self.workflowName = workflowName; self.workflowId = workflowId; self.phases = phases
        self.win = win; self.archived = archived
        self.timeInPhaseBasis = timeInPhaseBasis; self.sinceSeconds = sinceSeconds; self.moves = moves
        self.recordCount = recordCount; self.rejected = rejected
    }

    /// The active phases, then Win, then archived.
    public var places: [PlaceCount] { phases + [win, archived] }

    /// Cards on the board or archived.
    public var totalCards: Int { places.reduce(0) { $0 + $1.cards } }
}
