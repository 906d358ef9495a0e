import FunnelCore

extension PlanBuilder {
    /// `contact.custom`: each field's value in Wix (by its key, in its type's canonical form) against the source's.
    mutating func planCustomFields(lead: DesiredLead, contact: LiveContact, lastApplied: DesiredContact?,
                                   change: inout ContactChange) {
        for field in desired.customFields {
            guard let wanted = lead.contact.custom?[field.name] else { continue }
            let raw = knownKey(.field, field.name).flatMap { contact.extendedValues[$0] } ?? ""
            let current = (try? field.type.normalize(raw).get()) ?? raw
            _ = change.consider(field.name, wanted: wanted, current: current, mine: lastApplied?.custom?[field.name],
                                rule: desired.updateRules[field.name])
        }
    }

    /// `contact.labels`: the labels to add (wanted, not on the contact) and to remove (added by funnel
    /// earlier, no longer wanted; a label a person added is never removed). Returns the labels funnel
    /// owns once applied, which the state remembers; nil when the config maps no labels.
    mutating func planLabels(lead: DesiredLead, contact: LiveContact, lastApplied: DesiredContact?,
                             change: inout ContactChange) -> [String]? {
        guard let wanted = lead.contact.labels else { return lastApplied?.labels }
        let owned = lastApplied?.labels ?? []
        let onContact = Set(contact.labelKeys)
        func isOn(_ label: String) -> Bool { knownKey(.label, label).map(onContact.contains) ?? false }
        let adding = wanted.filter { !isOn($0) }
        let removing = owned.filter { !wanted.contains($0) && isOn($0) }
        if !adding.isEmpty || !removing.isEmpty {
            let present = (wanted + removing).filter(isOn)
            change.before["labels"] = LabelList.format(present)
            change.after["labels"] = LabelList.format(present.filter { !removing.contains($0) } + adding)
        }
        return wanted.filter { owned.contains($0) || adding.contains($0) }
    }
}
