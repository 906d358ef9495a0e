/// A card in the workflow that funnel does not own (another `source`): listed, never touched.
public struct UnownedCard: Sendable, Codable, Hashable {
    public var cardId: String
    public var name: String
    public var source: String?
    public var phase: String?
    public var archived: Bool

    public init(cardId: String, name: String, source: String?, phase: String?, archived: Bool) {
        self.cardId = cardId; self.name = name; self.source = source; self.phase = phase; self.archived = archived
    }
}
