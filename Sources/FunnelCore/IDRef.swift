/// An id known now, or one a previous step of the same apply will learn.
public enum IDRef: Sendable, Codable, Hashable, CustomStringConvertible {
    case id(String)
    /// The id created by step N.
    case created(step: Int)
    /// The win phase of the workflow created by step N.
    case winPhaseOf(step: Int)

    public var description: String {
        switch self {
        case .id(let id): id
        case .created(let step): "(known after step \(step))"
        case .winPhaseOf(let step): "(win phase of step \(step))"
        }
    }

    public var knownID: String? {
        if case .id(let id) = self { return id }
        return nil
    }
}
