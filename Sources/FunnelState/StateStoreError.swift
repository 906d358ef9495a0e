/// Why the state store could not be opened or an address could not be used.
public enum StateStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `open(path:createIfMissing: false)` found no file.
    case missing(path: String)
    /// The file exists but SQLite refused it (permissions, a lock), or a PostgreSQL state cannot be reached.
    case unreadable(path: String, reason: String)
    /// The SQLite file is damaged or not a database at all: only moving it aside helps.
    case damaged(path: String, reason: String)
    /// The file was migrated by a newer funnel that knows tables this one does not.
    case newerVersion(path: String)
    /// The parent directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A journal call named a run or step the journal does not hold.
    case unknownJournalStep(run: String, step: Int?)
    /// Text that is not a state address.
    case invalidAddress(String)
    /// A well-formed address the state does not hold, with the nearest one it does, if any.
    case unknownAddress(String, nearest: String?)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no state at \(path): funnel has not applied anything with this config yet, or the path is wrong "
                + "(set `state:` in the config or pass --state PATH)"
        case .unreadable(let path, let reason):
            return "cannot read the state at \(path): \(reason)"
        case .damaged(let path, let reason):
            // Says what a person can do in the same breath: the state is a cache, and what its loss costs.
            return """
                cannot read the state at \(path): \(reason). The file is damaged.
                The state is a cache, not the truth: Wix is. Without it, the next plan adopts what exists in Wix \
                (contacts by email or phone, cards by contact and card.source) and creates nothing twice.
                To recover: `funnel state repair` (with the same -c or --state) moves the file aside under a \
                timestamped name (it deletes nothing) and checks that the adoption plan creates nothing.
                Lost with it: the journal of an interrupted apply (the next plan works out its unfinished steps \
                from Wix again); the values funnel last applied (a card moved or edited by hand in Wix is no longer \
                recognised as drift, so policy.drift: keep cannot keep it); and its lineage (plans saved before \
                are refused: make a new one).
                """
        case .newerVersion(let path):
            return "the state at \(path) was written by a newer funnel; upgrade funnel to use it"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the state directory \(path): \(reason)"
        case .unknownJournalStep(let run, nil):
            return "the journal has no run \(run)"
        case .unknownJournalStep(let run, let step?):
            return "the journal has no step \(step) in run \(run)"
        case .invalidAddress(let text):
            return "not a state address: \(text) (expected workflow, phase[\"NAME\"], contact[\"KEY\"], card[\"KEY\"] "
                + "or record[\"KEY\"])"
        case .unknownAddress(let address, let nearest):
            let hint = nearest.map { " (did you mean \($0)?)" } ?? "; `funnel state list` shows what it holds"
            return "the state holds no \(address)\(hint)"
        }
    }
}
