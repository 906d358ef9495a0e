/// Why the state store could not be opened or an address could not be used.
public enum StateStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `open(path:createIfMissing: false)` found no file.
    case missing(path: String)
    /// The file exists but is not a funnel state database (or SQLite refused it).
    case unreadable(path: String, reason: String)
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
