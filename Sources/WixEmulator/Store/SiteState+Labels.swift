import Foundation
import FunnelCore

/// Contacts v4 Labels (docs/wix-labels-fields.md): find or create by display name, get, list, query,
/// rename (the key stays), delete (also off every contact), and Label / Unlabel Contact.
extension SiteState {
    /// The system labels every site has (the documented List Labels example); they cannot be renamed or deleted.
    static let systemLabels: [DefinitionWire.Label] = [
        .init(namespace: "contacts", namespaceDisplayName: "Labels", key: "contacts.customers", displayName: "Customers",
              labelType: "SYSTEM"),
        .init(namespace: "contacts", namespaceDisplayName: "Labels", key: "contacts.contacted-me", displayName: "Contacted Me",
              labelType: "SYSTEM"),
    ]

    /// The site's labels: user-defined ones in creation order, then the system ones.
    var allLabels: [DefinitionWire.Label] {
        labels.inOrder() + Self.systemLabels
    }

    func label(_ key: String) throws(WixError) -> DefinitionWire.Label {
        if let stored = labels[key] { return stored.definition }
        if let system = Self.systemLabels.first(where: { $0.key == key }) { return system }
        throw .application(404, "LABEL_NOT_FOUND", "Label with key \(key) not found")
    }

    /// Find Or Create Label: an existing `custom` label whose display name matches exactly (ignoring
    /// case under `definition-name-case-insensitive`) is returned with `newLabel: false`.
    mutating func findOrCreateLabel(_ body: DefinitionWire.FindOrCreateLabelBody, rules: SiteRules)
        throws(WixError) -> DefinitionWire.FoundOrCreatedLabel {
        let name = try Self.displayName(body.displayName)
        if let found: DefinitionWire.Label = labels.named(name, rules: rules) { return .init(label: found, newLabel: false) }
        let now = Timestamp.now(milliseconds: false)
        let key = uniqueKey(name, taken: { key in labels[key] != nil || Self.systemLabels.contains { $0.key == key } })
        let label = DefinitionWire.Label(namespace: "custom", namespaceDisplayName: "Labels", key: key, displayName: name,
                                         labelType: "USER_DEFINED", createdDate: now, updatedDate: now)
        labels.append(label)
        return .init(label: label, newLabel: true)
    }

    /// Update Label: renames; the key never changes.
    mutating func renameLabel(_ key: String, _ body: DefinitionWire.UpdateLabelBody) throws(WixError) -> DefinitionWire.Label {
        _ = try label(key)
        let name = try Self.displayName(body.label?.displayName, field: "label.displayName")
        return try labels.rename(key, to: name, conflictCode: "LABEL_ALREADY_EXISTS")
    }

    /// Delete Label: also removes it from every contact holding it (each such contact gets a new revision).
    mutating func deleteLabel(_ key: String) throws(WixError) {
        guard try label(key).isUserDefined else {
            throw .application(403, "PERMISSION_DENIED", "system label \(key) cannot be deleted")
        }
        labels[key] = nil
        updateContacts { info in
            guard info.labelKeys?.items.contains(key) == true else { return false }
            info.labelKeys?.items.removeAll { $0 == key }
            return true
        }
    }

    /// Label Contact / Unlabel Contact: every key must name an existing label (404 `LABEL_NOT_FOUND`);
    /// the contact gets a new revision when its labels change.
    mutating func relabelContact(_ id: String, _ body: DefinitionWire.LabelKeysBody, adding: Bool)
        throws(WixError) -> ContactWire.Contact {
        var contact = try self.contact(id)
        guard let keys = body.labelKeys, !keys.isEmpty else { throw .invalid("labelKeys", "is required") }
        try checkLabelKeys(keys)
        var current = contact.info?.labelKeys?.items ?? []
        let before = current
        if adding {
            for key in keys where !current.contains(key) { current.append(key) }
        } else {
            current.removeAll { keys.contains($0) }
        }
        guard current != before else { return contact }
        var info = contact.info ?? .init()
        info.labelKeys = .init(items: current)
        contact.info = info
        touch(&contact)
        contacts[id] = contact
        return contact
    }

    /// Every key must name an existing label (user-defined or system).
    func checkLabelKeys(_ keys: [String]) throws(WixError) {
        for key in keys { _ = try label(key) }
    }

    /// A new revision and update time for a contact changed by something other than Update Contact.
    func touch(_ contact: inout ContactWire.Contact) {
        contact.revision += 1
        contact.updatedDate = Timestamp.now()
    }

    /// Applies `change` to every contact's `info`; those it changed (it returns true) get a new revision.
    mutating func updateContacts(_ change: (inout ContactWire.Info) -> Bool) {
        for id in contactOrder {
            guard var contact = contacts[id], var info = contact.info, change(&info) else { continue }
            contact.info = info
            touch(&contact)
            contacts[id] = contact
        }
    }

    // MARK: Keys and names shared with extended fields

    /// A required, non-blank display name (trimmed).
    static func displayName(_ value: String?, field: String = "displayName") throws(WixError) -> String {
        let name = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .invalid(field, "is required") }
        guard name.count <= 200 else { throw .invalid(field, "must be at most 200 characters", rule: "MAX_LENGTH") }
        return name
    }

    /// `custom.<slug>-<random suffix>`: generated once from the first display name, never derived again
    /// (wix-api.md §4.1: Wix adds a unique suffix to custom keys).
    func uniqueKey(_ name: String, taken: (String) -> Bool) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "custom" }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        while true {
            let suffix = String((0..<19).map { _ in letters.randomElement()! })
            let key = "custom.\(String(slug.prefix(40)))-\(suffix)"
            if !taken(key) { return key }
        }
    }
}
