/// How many cards take each path through the funnel: `new → Contacted`, `Contacted → Qualified`,
/// `Negotiating → Win`, `Lost → archived`. Computed once from card steps (a plan's, or those the
/// journal says were applied) and drawn by every view: the Markdown plan's Mermaid diagram, the
/// human plan's table, and `funnel report`.
public struct CardFlows: Sendable, Hashable, Codable {
    /// A place a card can be: not yet on the board, an active phase, the Win phase, or archived.
    public enum Node: Sendable, Hashable, Codable, Comparable {
        case new
        case phase(String)
        case win
        case archived

        /// `new`, the phase's name, `Win`, `archived`.
        public var label: String {
            switch self {
            case .new: "new"
            case .phase(let name): name
            case .win: "Win"
            case .archived: "archived"
            }
        }

        /// `new`, `phase`, `win`, `archived`: the kind of place, for JSON and CSS.
        public var kind: String {
            switch self {
            case .new: "new"
            case .phase: "phase"
            case .win: "win"
            case .archived: "archived"
            }
        }

        // Comparable only so ties sort deterministically; the funnel order comes from `CardFlows.nodes`.
        public static func < (lhs: Node, rhs: Node) -> Bool { (lhs.rank, lhs.label) < (rhs.rank, rhs.label) }

        private var rank: Int {
            switch self {
            case .new: 0
            case .phase: 1
            case .win: 2
            case .archived: 3
            }
        }
    }

    /// One path and the number of cards that take it.
    public struct Edge: Sendable, Hashable, Codable {
        public var from: Node
        public var to: Node
        public var cards: Int

        public init(from: Node, to: Node, cards: Int) { self.from = from; self.to = to; self.cards = cards }
    }

    /// The active phases in funnel order (those given, then any other phase a card leaves or enters).
    public var phases: [String]
    /// Every path taken, the busiest first (ties in funnel order).
    public var edges: [Edge]

    public init(phases: [String], edges: [Edge]) {
        self.phases = phases
        self.edges = edges
    }

    /// The flows of the card steps among `steps` (create, move, win, restore, archive); other steps are ignored.
    /// - Parameter phaseOrder: the active phases left to right.
    public init(steps: [PlanStep], phaseOrder: [String]) {
        var counts: [Edge.Key: Int] = [:]
        var seen: [String] = []
        for step in steps {
            guard let (from, to) = Self.path(of: step) else { continue }
            counts[Edge.Key(from: from, to: to), default: 0] += 1
            for case .phase(let name) in [from, to] where !seen.contains(name) { seen.append(name) }
        }
        let phases = phaseOrder + seen.filter { !phaseOrder.contains($0) }
        let position = Dictionary(Self.order(phases).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = counts.map { Edge(from: $0.key.from, to: $0.key.to, cards: $0.value) }.sorted { lhs, rhs in
            if lhs.cards != rhs.cards { return lhs.cards > rhs.cards }
            return (position[lhs.from] ?? 0, position[lhs.to] ?? 0) < (position[rhs.from] ?? 0, position[rhs.to] ?? 0)
        }
        self.init(phases: phases, edges: edges)
    }

    /// The flows a plan makes, its phases in the config's order.
    public init(plan: Plan) {
        self.init(steps: plan.steps, phaseOrder: plan.phaseBindings.map(\.name))
    }

    /// Where a card step takes its card, or nil for a step that moves no card.
    public static func path(of step: PlanStep) -> (from: Node, to: Node)? {
        let before = step.before?["phase"], after = step.after?["phase"]
        switch step.action {
        case .createCard: return (.new, node(after))
        case .moveCard: return (node(before), node(after))
        case .winCard: return (node(before), .win)
        case .restoreCard: return (.archived, node(after))
        case .archiveCard: return (node(before), .archived)
        default: return nil
        }
    }

    /// A phase name as the planner writes it in a step (`Win` is the win phase: the config reserves the name).
    static func node(_ name: String?) -> Node {
        switch name {
        case "Win": .win
        case nil: .phase("?")
        case let name?: .phase(name)
        }
    }

    /// Every node in funnel order: `new`, the phases, `Win`, `archived`.
    public var nodes: [Node] { Self.order(phases) }

    static func order(_ phases: [String]) -> [Node] { [.new] + phases.map(Node.phase) + [.win, .archived] }

    /// Cards that take any path.
    public var totalCards: Int { edges.reduce(0) { $0 + $1.cards } }

    public var isEmpty: Bool { edges.isEmpty }

    /// The cards reaching `node` (into it) and leaving it.
    public func cards(into node: Node) -> Int { edges.filter { $0.to == node }.reduce(0) { $0 + $1.cards } }
    public func cards(outOf node: Node) -> Int { edges.filter { $0.from == node }.reduce(0) { $0 + $1.cards } }
}

extension CardFlows.Edge {
    struct Key: Hashable { var from: CardFlows.Node; var to: CardFlows.Node }
}
