import FunnelCore

/// `bindings[]`: what apply records in the state for one source record (its contact, card and the values
/// written). Only in unmasked documents, since it holds the mapped contact fields.
struct RecordBindingDocument: Codable {
    var key: String
    var identity: ContactIdentity
    var contact: IDRefDocument
    var card: IDRefDocument?
    var target: TargetRef
    var phase: IDRefDocument?
    var contactFields: ContactFieldsDocument
    var cardName: String
    var cardDescription: String?

    enum CodingKeys: String, CodingKey {
        case key, identity, contact, card, target, phase
        case contactFields = "contact_fields", cardName = "card_name", cardDescription = "card_description"
    }

    init(_ binding: RecordBinding) {
        key = binding.key; identity = binding.identity; contact = IDRefDocument(binding.contact)
        card = binding.card.map(IDRefDocument.init); target = binding.target; phase = binding.phase.map(IDRefDocument.init)
        contactFields = ContactFieldsDocument(binding.contactFields); cardName = binding.cardName
        cardDescription = binding.cardDescription
    }

    var binding: RecordBinding {
        RecordBinding(key: key, identity: identity, contact: contact.ref, card: card?.ref, target: target, phase: phase?.ref,
                      contactFields: contactFields.contact, cardName: cardName, cardDescription: cardDescription)
    }
}

/// `phase_bindings[]`: each desired phase's Wix id (or the step creating it) and the CRM stage it mirrors.
struct PhaseBindingDocument: Codable {
    var name: String
    var stageId: String?
    var phase: IDRefDocument

    enum CodingKeys: String, CodingKey { case name, stageId = "stage_id", phase }

    init(_ binding: PhaseBinding) {
        name = binding.name; stageId = binding.stageId; phase = IDRefDocument(binding.phase)
    }

    var binding: PhaseBinding { PhaseBinding(name: name, stageId: stageId, phase: phase.ref) }
}
