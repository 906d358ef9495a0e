import FunnelCore
import Plot

/// Where the arc diagram puts things. Arcs leave a box from its right half and arrive in its left half
/// (mirrored below the line), the longer ones outside the shorter, so arcs sharing a box do not cross.
struct FlowLayout {
    static let boxHeight = 28.0

    struct Arc {
        var edge: CardFlows.Edge
        var x1: Double
        var x2: Double
        /// The line the arc leaves and reaches (the top or the bottom of the boxes), and its control height.
        var y: Double
        var control: Double
        var labelY: Double
    }

    let edges: [CardFlows.Edge]
    let places: [CardFlows.Node]
    let spacing: Double
    let boxWidth: Double
    let top: Double
    let height: Double
    let width: Double
    private(set) var arcs: [Arc] = []
    private let index: [CardFlows.Node: Int]

    init(_ flows: CardFlows, edgeLimit: Int, width minimumWidth: Double) {
        edges = Array(flows.edges.prefix(edgeLimit))
        let used = Set(edges.flatMap { [$0.from, $0.to] })
        // Every phase (the funnel's shape), and new, Win, archived only when a card passes through.
        places = flows.nodes.filter { node in
            if case .phase = node { return true }
            return used.contains(node)
        }
        let index = Dictionary(places.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.index = index
        spacing = max(112, minimumWidth / Double(max(1, places.count)))
        boxWidth = spacing - 12
        width = spacing * Double(places.count)
        func span(_ edge: CardFlows.Edge) -> Int { abs(index[edge.to]! - index[edge.from]!) }
        func lift(_ edge: CardFlows.Edge) -> Double { min(260, 30 + Double(span(edge)) * 26) }
        let forward = edges.filter { index[$0.to]! > index[$0.from]! }
        let backward = edges.filter { index[$0.to]! < index[$0.from]! }
        let above = (forward.map(lift).max() ?? 0) * 0.75 + 26
        let below = backward.isEmpty ? 6 : (backward.map(lift).max() ?? 0) * 0.75 + 26
        top = above
        height = above + Self.boxHeight + below

        // Offsets inside each box: departures in the right half, arrivals in the left, the longest outermost.
        var departures: [Int: [CardFlows.Edge]] = [:], arrivals: [Int: [CardFlows.Edge]] = [:]
        for edge in edges {
            departures[index[edge.from]!, default: []].append(edge)
            arrivals[index[edge.to]!, default: []].append(edge)
        }
        let half = boxWidth / 2 - 6
        func offset(_ edge: CardFlows.Edge, among list: [CardFlows.Edge], leaving: Bool) -> Double {
            let isForward = index[edge.to]! > index[edge.from]!
            let sameSide = list.filter { (index[$0.to]! > index[$0.from]!) == isForward }
                .sorted { (span($0), $0.cards) > (span($1), $1.cards) }
            let position = Double(sameSide.firstIndex(of: edge) ?? 0) + 0.5
            let step = half / Double(max(1, sameSide.count))
            // Forward arcs leave rightwards and arrive from the left; backward ones the other way round.
            let side: Double = (leaving == isForward) ? 1 : -1
            return side * position * step
        }
        for edge in edges {
            let isForward = index[edge.to]! > index[edge.from]!
            let h = lift(edge), direction = isForward ? -1.0 : 1.0
            let y = isForward ? top : top + Self.boxHeight
            let x1 = spacing * (Double(index[edge.from]!) + 0.5)
                + offset(edge, among: departures[index[edge.from]!] ?? [], leaving: true)
            let x2 = spacing * (Double(index[edge.to]!) + 0.5)
                + offset(edge, among: arrivals[index[edge.to]!] ?? [], leaving: false)
            // A cubic whose control points stand h above both ends peaks at three quarters of h.
            arcs.append(Arc(edge: edge, x1: x1, x2: x2, y: y, control: y + direction * h,
                            labelY: y + direction * (h * 0.75 + 9)))
        }
    }

    func center(_ node: CardFlows.Node) -> Double { spacing * (Double(index[node]!) + 0.5) }
}
