import FunnelCore

/// A record's two halves as `funnel state` addresses them: `contact["KEY"]` and `card["KEY"]`.
extension RecordState {
    /// Whether funnel remembers anything about the record's contact.
    var hasContactPart: Bool { contactId != nil || identity != nil || contact != nil }

    /// Whether funnel remembers anything about the record's card.
    var hasCardPart: Bool {
        cardId != nil || cardName != nil || cardDescription != nil || target != nil || phaseId != nil
    }

    mutating func forgetContact() { contactId = nil; identity = nil; contact = nil }

    mutating func forgetCard() { cardId = nil; cardName = nil; cardDescription = nil; target = nil; phaseId = nil }

    /// `key: value` lines for the contact half (nil values left out).
    var contactLines: [(String, String)] {
        lines([("key", key), ("contact_id", contactId), ("identity", identity?.description),
               ("first", contact?.first), ("last", contact?.last), ("email", contact?.email),
               ("phone", contact?.phone), ("company", contact?.company), ("job_title", contact?.jobTitle)])
    }

    /// `key: value` lines for the card half; `phaseName` is the remembered phase's name.
    func cardLines(phaseName: String?) -> [(String, String)] {
        lines([("key", key), ("card_id", cardId), ("name", cardName), ("description", cardDescription),
               ("target", target?.text), ("phase_id", phaseId), ("phase", phaseName)])
    }

    private func lines(_ pairs: [(String, String?)]) -> [(String, String)] {
        pairs.compactMap { key, value in value.map { (key, $0) } }
    }
}
