import Foundation
public import FunnelCore

/// The `info` an Update Contact sends: the contact's `info` as read (unknown fields included), with
/// the read-only data dropped and only the fields a caller sets changed.
///
/// Wix does not document whether Update Contact merges `info` or replaces it whole (wix-api.md §6,
/// question 11; the sandbox's `contact-info-replace` variant). Sending everything that was read is
/// right under both readings: a merge changes nothing else, a replace writes back what was there,
/// so a birthdate, an address or a picture set by hand survives funnel renaming the contact.
public struct ContactInfoUpdate: Sendable, Hashable {
    /// The object sent as `info`.
    public private(set) var fields: [String: JSONValue]

    /// Starts from what `contact` holds, minus what Wix derives or owns: item ids, `e164Phone`, and
    /// extended fields outside `custom.*` (system keys such as `contacts.displayByFirstName` or
    /// `emailSubscriptions.*` are read-only).
    public init(_ contact: Contact) {
        guard case .object(var info) = contact.rawInfo ?? .object([:]) else {
            fields = [:]
            return
        }
        for list in ["emails", "phones", "addresses"] {
            guard case .object(var wrapper) = info[list], case .array(let items) = wrapper["items"] else { continue }
            wrapper["items"] = .array(items.map { item in
                guard case .object(var object) = item else { return item }
                object["id"] = nil
                object["e164Phone"] = nil
                return .object(object)
            })
            info[list] = .object(wrapper)
        }
        if case .object(var wrapper) = info["extendedFields"], case .object(let items) = wrapper["items"] {
            wrapper["items"] = .object(items.filter { $0.key.hasPrefix("custom.") })
            info["extendedFields"] = .object(wrapper)
        }
        fields = info
    }

    public mutating func setFirstName(_ value: String) { setName("first", value) }
    public mutating func setLastName(_ value: String) { setName("last", value) }
    public mutating func setCompany(_ value: String) { fields["company"] = .string(value) }
    public mutating func setJobTitle(_ value: String) { fields["jobTitle"] = .string(value) }

    /// Sets one `custom.*` extended field, keeping every other one as read (a sent `extendedFields`
    /// may replace the stored one whole, wix-api.md §4.3).
    public mutating func setExtendedField(_ key: String, _ value: JSONValue) {
        var items: [String: JSONValue] = [:]
        if case .object(let wrapper) = fields["extendedFields"], case .object(let current) = wrapper["items"] { items = current }
        items[key] = value
        fields["extendedFields"] = .object(["items": .object(items)])
    }

    /// The contact's label keys as read, with `adding` added and `removing` removed (labels a person
    /// added stay).
    public mutating func changeLabels(adding: [String], removing: [String]) {
        var keys: [String] = []
        if case .object(let wrapper) = fields["labelKeys"], case .array(let current) = wrapper["items"] {
            keys = current.compactMap { if case .string(let key) = $0 { key } else { nil } }
        }
        keys = keys.filter { !removing.contains($0) }
        keys += adding.filter { !keys.contains($0) }
        fields["labelKeys"] = .object(["items": .array(keys.map(JSONValue.string))])
    }

    /// Replaces the primary email (the first one when none is marked primary), or adds it.
    public mutating func setPrimaryEmail(_ email: String) {
        setPrimary("emails", ["email": .string(email)])
    }

    /// Replaces the primary phone (or adds it), with the country it belongs to.
    public mutating func setPrimaryPhone(_ phone: String, countryCode: String?) {
        var values: [String: JSONValue] = ["phone": .string(phone)]
        values["countryCode"] = countryCode.map(JSONValue.string) ?? .null
        setPrimary("phones", values)
    }

    /// Sets any `info` field as given: a field funnel does not map (`birthdate`, `addresses`, `picture`…),
    /// for `funnel doctor`'s scratch contact and for tests that play a person editing a contact.
    public mutating func set(_ key: String, _ value: JSONValue) { fields[key] = value }

    /// The update as the typed model, to check whether it has been applied.
    var typed: ContactInfo? {
        guard let data = try? WixJSON.encode(JSONValue.object(fields)) else { return nil }
        return try? WixJSON.decoder.decode(ContactInfo.self, from: data)
    }

    private mutating func setName(_ key: String, _ value: String) {
        var name: [String: JSONValue] = [:]
        if case .object(let current) = fields["name"] { name = current }
        name[key] = .string(value)
        fields["name"] = .object(name)
    }

    private mutating func setPrimary(_ list: String, _ values: [String: JSONValue]) {
        var items: [JSONValue] = []
        if case .object(let wrapper) = fields[list], case .array(let current) = wrapper["items"] { items = current }
        let primary = items.firstIndex { $0[path: "primary"] == .bool(true) } ?? items.indices.first
        if let primary, case .object(var item) = items[primary] {
            for (key, value) in values { item[key] = value == .null ? nil : value }
            items[primary] = .object(item)
        } else {
            items = [.object(values.filter { $0.value != .null }.merging(["primary": .bool(true)]) { $1 })]
        }
        fields[list] = .object(["items": .array(items)])
    }
}
