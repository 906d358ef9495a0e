public import FunnelCore

extension PersonalData {
    /// A mapped source record with its emails and phones masked: the contact identity and fields
    /// masked whole, the key, card text and record location as free text.
    public static func masked(_ lead: DesiredLead) -> DesiredLead {
        var lead = lead
        lead.key = maskText(lead.key)
        lead.identity = PlanMasking.masked(lead.identity)
        lead.contact = PlanMasking.masked(lead.contact)
        lead.cardName = maskText(lead.cardName)
        lead.cardDescription = lead.cardDescription.map(maskText)
        lead.stage = maskText(lead.stage)
        lead.provenance.recordKey = lead.provenance.recordKey.map(maskText)
        lead.provenance.record = lead.provenance.record.map(maskText)
        return lead
    }

    /// A rejected record with emails and phones in its key, reason and location masked.
    public static func masked(_ rejected: RejectedRecord) -> RejectedRecord {
        RejectedRecord(key: rejected.key.map(maskText), reason: maskText(rejected.reason), location: rejected.location.map(maskText))
    }

    /// A diagnostic with emails and phones in its message masked.
    public static func masked(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.message = maskText(diagnostic.message)
        return diagnostic
    }
}
