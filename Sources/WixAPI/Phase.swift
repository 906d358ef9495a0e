/// A phase's own fields.
public struct PhaseInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A phase (a "step" in the Dashboard) with the first page of its cards.
public struct Phase: Sendable, Hashable, Codable {
    public var info: PhaseInfo
    /// Present in Get Workflow and List Phases responses; up to `cardsPerPhase` cards.
    public var cardsList: CardsList?

    public var id: String { info.id }
    public var name: String { info.name }

    public init(info: PhaseInfo, cardsList: CardsList? = nil) {
        self.info = info
        self.cardsList = cardsList
    }
}

/// One page of a phase's cards; `total` counts them all.
public struct CardsList: Sendable, Hashable, Codable {
    public var total: Int?
    public var cards: [Card]

    public init(total: Int? = nil, cards: [Card]) {
        self.total = total
        self.cards = cards
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.decodeIfPresent(Int.self, forKey: .total)
        cards = try container.decodeIfPresent([Card].self, forKey: .cards) ?? []
    }
}
