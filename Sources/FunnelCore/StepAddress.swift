/// Where a step acts, as the plan prints it (`Address`). A lead's contact and card steps — two per
/// record, so two million in a plan of a million records — keep only the record key and spell the
/// address out when it is read: a `contact["L-123456"]` string of their own was 64 B of heap per step
/// (issue #15, BENCHMARKS.md). Every other step keeps its text.
public enum StepAddress: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case contact(key: String)
    case card(key: String)

    public var description: String {
        switch self {
        case .text(let text): text
        case .contact(let key): Address.contact(key)
        case .card(let key): Address.card(key)
        }
    }

    /// Equal when spelled the same: a plan read back from its file holds text.
    public static func == (lhs: StepAddress, rhs: StepAddress) -> Bool {
        switch (lhs, rhs) {
        case (.contact(let left), .contact(let right)), (.card(let left), .card(let right)): left == right
        default: lhs.description == rhs.description
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
