/// The order of DESIGN.md §4; apply finishes a group before starting the next.
public enum StepGroup: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case workflow, phases, definitions, contacts
    case cardArchive = "card_archive"
    case cardMove = "card_move"
    case cardCreate = "card_create"
    case cardUpdate = "card_update"
    case phaseRemoval = "phase_removal"

    public static func < (lhs: StepGroup, rhs: StepGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// How many of the group's steps apply runs at once: phase positions depend on the order of
    /// earlier workflow and phase steps, so those run one by one.
    public func width(parallelism: Int) -> Int {
        self == .workflow || self == .phases ? 1 : max(1, parallelism)
    }
}
