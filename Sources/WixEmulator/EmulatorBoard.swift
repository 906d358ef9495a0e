/// A site's funnel as `funnel sandbox show` draws it: each workflow's phases in display order
/// (the win phase last) with their cards, then the archived cards.
public struct EmulatorBoard: Sendable, Codable, Equatable {
    /// A card on the board.
    public struct Card: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        /// The attached contact id.
        public var contactId: String?
        /// The contact's primary email, else its name, when the contact exists.
        public var contact: String?
        /// For archived cards: the name of the phase the card was archived from.
        public var phaseName: String?
    }

    /// A phase and its cards, top to bottom.
    public struct Phase: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var isWinPhase: Bool
        public var cards: [Card]
    }

    /// A workflow: active phases then the win phase, and the archived cards.
    public struct Workflow: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var phases: [Phase]
        public var archived: [Card]
    }

    public var siteId: String
    public var workflows: [Workflow]

    /// The boards of the sites in a sandbox data file (`site` = only that one), read without taking its
    /// lock (a sandbox may be serving it); an absent file has none.
    public static func load(dataPath: String, site: String? = nil) throws -> [EmulatorBoard] {
        let sites = try SandboxDatabase.read(SandboxDataFile(path: dataPath))
        return (site.map { [$0] } ?? sites.keys.sorted()).map { EmulatorBoard(siteId: $0, state: sites[$0] ?? SiteState()) }
    }

    init(siteId: String, state: SiteState) {
        self.siteId = siteId
        func card(_ id: String) -> Card? {
            guard let card = state.cards[id] else { return nil }
            let contact = card.contactId.flatMap { state.contacts[$0] }
            let label = contact?.primaryInfo?.email
                ?? contact?.info?.name.map { [$0.first, $0.last].compactMap { $0 }.joined(separator: " ") }
            return Card(id: id, name: card.name ?? "", contactId: card.contactId, contact: label,
                        phaseName: card.archived ? state.phases[card.phaseId]?.name : nil)
        }
        workflows = state.workflows.values.sorted { ($0.name, $0.sequence) < ($1.name, $1.sequence) }.map { workflow in
            let phases = (workflow.phaseIds + [workflow.winPhaseId]).compactMap { state.phases[$0] }.map { phase in
                Phase(id: phase.id, name: phase.name, isWinPhase: phase.id == workflow.winPhaseId,
                      cards: phase.cardIds.compactMap(card))
            }
            return Workflow(id: workflow.id, name: workflow.name, phases: phases,
                            archived: workflow.archivedCardIds.compactMap(card))
        }
    }
}
