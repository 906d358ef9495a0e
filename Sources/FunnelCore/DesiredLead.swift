/// One mapped source record: a contact identity, card fields and a target.
public struct DesiredLead: Sendable, Hashable, Codable {
    public var key: String
    public var identity: ContactIdentity
    public var contact: DesiredContact
    public var cardName: String
    public var cardDescription: String?
    /// `card.due`: the card's due date, `YYYY-MM-DD`.
    public var cardDue: String?
    public var target: TargetRef
    /// The raw stage value from the record (`stage: qualified`), for explanations.
    public var stage: String
    public var provenance: Provenance

    public init(key: String, identity: ContactIdentity, contact: DesiredContact, cardName: String,
                cardDescription: String? = nil, cardDue: String? = nil, target: TargetRef, stage: String,
                provenance: Provenance) {
        self.key = key; self.identity = identity; self.contact = contact; self.cardName = cardName
        self.cardDescription = cardDescription; self.cardDue = cardDue; self.target = target; self.stage = stage
        self.provenance = provenance
    }
}
