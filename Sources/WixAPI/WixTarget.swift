/// The Wix object an operation acts on, carried by every `WixError` so a failure names it.
public indirect enum WixTarget: Sendable, Hashable, CustomStringConvertible {
    case workflow(String)
    case phase(String)
    case card(String)
    case contact(String)
    /// A collection inside a parent, e.g. the cards of a workflow.
    case collection(String, in: WixTarget?)

    public var description: String {
        switch self {
        case .workflow(let id): return "workflow \(id)"
        case .phase(let id): return "phase \(id)"
        case .card(let id): return "card \(id)"
        case .contact(let id): return "contact \(id)"
        case .collection(let name, let parent):
            guard let parent else { return name }
            return "\(name) of \(parent)"
        }
    }
}
