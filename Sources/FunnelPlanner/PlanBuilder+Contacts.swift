import FunnelCore

extension PlanBuilder {
    /// Group 3: each lead has a contact — remembered, adopted by email/phone, or created — and the
    /// managed fields funnel wrote last are kept current. A value a person changed in Wix is never
    /// overwritten (field ownership); it is reported instead.
    mutating func planContacts() {
        for (index, lead) in desired.leads.enumerated() {
            let record = state.records[lead.key]
            let remembered = record.flatMap { record -> String? in
                guard record.identity == nil || record.identity == lead.identity else { return nil }
                return record.contactId.flatMap { live.contacts[$0] != nil ? $0 : nil }
            }
            guard let contactId = remembered ?? live.contactIdsByIdentity[lead.identity],
                  let contact = live.contacts[contactId] else {
                let step = add(.contacts, .createContact, .contact(key: lead.key), after: contactFields(lead.contact),
                               reason: "no Wix contact has \(lead.identity.kind.rawValue) \(lead.identity.value)",
                               provenance: lead.provenance, dependsOn: definitionSteps(for: lead.contact),
                               .createContact(identity: lead.identity, fields: lead.contact))
                contactRefs[index] = .created(step: step)
                continue
            }
            contactRefs[index] = .id(contactId)
            let lastApplied = record?.contactId == contactId ? record?.contact : nil
            planContactUpdate(lead: lead, contact: contact, lastApplied: lastApplied)
        }
    }

    private mutating func planContactUpdate(lead: DesiredLead, contact: LiveContact, lastApplied: DesiredContact?) {
        var merged = contact.fields
        var change = ContactChange()
        for field in ContactField.allCases {
            if field.isIdentity(lead.identity.kind) { continue }
            guard let wanted = field.value(in: lead.contact), !wanted.isEmpty else { continue }
            if change.consider(field.rawValue, wanted: wanted, current: field.value(in: contact.fields) ?? "",
                               mine: lastApplied.flatMap { field.value(in: $0) }, rule: desired.updateRules[field.rawValue]) {
                field.set(wanted, in: &merged)
            }
        }
        planCustomFields(lead: lead, contact: contact, lastApplied: lastApplied, change: &change)
        merged.custom = lead.contact.custom
        merged.labels = planLabels(lead: lead, contact: contact, lastApplied: lastApplied, change: &change)
        var remembered = lead.contact
        remembered.labels = merged.labels
        boundContacts[lead.key] = remembered
        let (before, after, kept) = (change.before, change.after, change.kept)
        for (field, rule) in change.heldBack {
            notes.append("\(Address.contact(lead.key)): \(field) not updated (update: \(rule.rawValue)\(rule == .fillEmpty ? ", Wix has a value" : ""))")
        }
        if !kept.isEmpty {
            drift.append(DriftItem(address: Address.contact(lead.key),
                                   description: "\(kept.joined(separator: ", ")) set in Wix differs from the source",
                                   resolution: "keep (values a person set in Wix are not overwritten)"))
        }
        guard !after.isEmpty else { return }
        touchedContacts.insert(contact.id)
        add(.contacts, .updateContact, .contact(key: lead.key), before: StepValues(before), after: StepValues(after),
            reason: "contact fields changed in the source", provenance: lead.provenance,
            dependsOn: definitionSteps(for: lead.contact),
            .updateContact(contact: contact.id, revision: contact.revision, fields: merged))
    }

    func contactFields(_ contact: DesiredContact) -> StepValues {
        var fields = StepValues(pairs: ContactField.allCases.compactMap { field in
            field.value(in: contact).flatMap { $0.isEmpty ? nil : (field.rawValue, $0) }
        })
        for (name, value) in contact.custom ?? [:] { fields[name] = value }
        if let labels = contact.labels, !labels.isEmpty { fields["labels"] = LabelList.format(labels) }
        return fields
    }
}

/// The contact fields funnel manages.
enum ContactField: String, CaseIterable {
    case first, last, email, phone, company, jobTitle

    func isIdentity(_ kind: ContactIdentity.Kind) -> Bool {
        (self == .email && kind == .email) || (self == .phone && kind == .phone)
    }

    func value(in contact: DesiredContact) -> String? {
        switch self {
        case .first: contact.first
        case .last: contact.last
        case .email: contact.email
        case .phone: contact.phone
        case .company: contact.company
        case .jobTitle: contact.jobTitle
        }
    }

    func set(_ value: String, in contact: inout DesiredContact) {
        switch self {
        case .first: contact.first = value
        case .last: contact.last = value
        case .email: contact.email = value
        case .phone: contact.phone = value
        case .company: contact.company = value
        case .jobTitle: contact.jobTitle = value
        }
    }
}
