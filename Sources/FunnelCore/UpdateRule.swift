/// `contact.update`: who owns a contact field once the contact exists.
public enum UpdateRule: String, Sendable, Codable, Hashable, CaseIterable {
    /// funnel keeps the field current with the CRM (a value a person changed in Wix is kept and reported).
    case always
    /// funnel sets the field only while Wix has no value.
    case fillEmpty = "fill_empty"
    /// funnel sets the field when it creates the contact, never after.
    case never
}
