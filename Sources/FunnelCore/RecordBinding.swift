/// One record's Wix objects after apply (ids known now or learned from steps) and the values applied.
public struct RecordBinding: Sendable, Codable, Hashable {
    public var key: String
    public var identity: ContactIdentity
    public var contact: IDRef
    /// nil when the record has no card (a lost lead never seen).
    public var card: IDRef?
    public var target: TargetRef
    public var phase: IDRef?
    public var contactFields: DesiredContact
    public var cardName: String
    public var cardDescription: String?
    /// The card's due date (`card.due`), `YYYY-MM-DD`.
    public var cardDue: String?

    public init(key: String, identity: ContactIdentity, contact: IDRef, card: IDRef?, target: TargetRef, phase: IDRef?,
                contactFields: DesiredContact, cardName: String, cardDescription: String?, cardDue: String? = nil) {
        self.key = key; self.identity = identity; self.contact = contact; self.card = card; self.target = target
        self.phase = phase; self.contactFields = contactFields; self.cardName = cardName; self.cardDescription = cardDescription
        self.cardDue = cardDue
    }
}
