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
        labels.values.sorted { $0.sequence < $1.sequence }.map(\.label) + Self.systemLabels
    }

    func label(_ key: String) throws(WixError) -> DefinitionWire.Label {
        if let stored = labels[key] { return stored.label }
        if let system = Self.systemLabels.first(where: { $0.key == key }) { return system }
        throw .application(404, "LABEL_NOT_FOUND", "Label with key \(key) not found")
    }

    /// Find Or Create Label: an existing `custom` label whose display name matches exactly (ignoring
    /// case under `definition-name-case-insensitive`) is returned with `newLabel: false`.
    mutating func findOrCreateLabel(_ body: DefinitionWire.FindOrCreateLabelBody, rules: SiteRules)
        throws(WixError) -> DefinitionWire.FoundOrCreatedLabel {
        let name = try Self.displayName(body.displayName)
        let ignoringCase = rules.plays(.definitionNameCaseInsensitive)
        if let found = labels.values.sorted(by: { $0.sequence < $1.sequence }).first(where: { stored in
            Self.namesMatch(stored.label.displayName, name, ignoringCase: ignoringCase)
        }) {
            return .init(label: found.label, newLabel: false)
        }
        let now = Timestamp.now(milliseconds: false)
        let key = uniqueKey(name, taken: { key in labels[key] != nil || Self.systemLabels.contains { $0.key == key } })
        let label = DefinitionWire.Label(namespace: "custom", namespaceDisplayName: "Labels", key: key, displayName: name,
                                         labelType: "USER_DEFINED", createdDate: now, updatedDate: now)
        labels[key] = StoredLabel(label: label, sequence: (labels.values.map(\.sequence).max() ?? -1) + 1)
        return .init(label: label, newLabel: true)
    }

    /// Update Label: renames; the key never changes.
    mutating func renameLabel(_ key: String, _ body: DefinitionWire.UpdateLabelBody) throws(WixError) -> DefinitionWire.Label {
        let current = try label(key)
        guard current.labelType == "USER_DEFINED", var stored = labels[key] else {
            throw .application(403, "PERMISSION_DENIED", "system label \(key) cannot be changed")
        }
        let name = try Self.displayName(body.label?.displayName, field: "label.displayName")
        if labels.values.contains(where: { $0.label.key != key && $0.label.displayName == name }) {
            throw .application(409, "LABEL_ALREADY_EXISTS", "a label named \"\(name)\" already exists")
        }
        stored.label.displayName = name
        stored.label.updatedDate = Timestamp.now(milliseconds: false)
        labels[key] = stored
        return stored.label
    }

    /// Delete Label: also removes it from every contact holding it (each such contact gets a new revision).
    mutating func deleteLabel(_ key: String) throws(WixError) {
        let current = try label(key)
        guard current.labelType == "USER_DEFINED" else {
            throw .application(403, "PERMISSION_DENIED", "system label \(key) cannot be deleted")
        }
        labels[key] = nil
        for id in contactOrder where contacts[id]?.info?.labelKeys?.items.contains(key) == true {
            var contact = contacts[id]!
            contact.info?.labelKeys?.items.removeAll { $0 == key }
            touch(&contact)
            contacts[id] = contact
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

    // MARK: Keys and names shared with extended fields

    /// A required, non-blank display name (trimmed).
    static func displayName(_ value: String?, field: String = "displayName") throws(WixError) -> String {
        let name = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .invalid(field, "is required") }
        guard name.count <= 200 else { throw .invalid(field, "must be at most 200 characters", rule: "MAX_LENGTH") }
        return name
    }

    static func namesMatch(_ lhs: String, _ rhs: String, ignoringCase: Bool) -> Bool {
        ignoringCase ? lhs.lowercased() == rhs.lowercased() : lhs == rhs
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
