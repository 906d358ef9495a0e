/// The managed contact fields a record maps to (nil = not managed by the config).
public struct DesiredContact: Sendable, Hashable, Codable {
    public var first: String?
    public var last: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var jobTitle: String?
    /// Label display names (`contact.labels`); in the state: the labels funnel added itself.
    public var labels: [String]?
    /// Custom field display name → value in its canonical form (`CustomFieldType.normalize`).
    public var custom: [String: String]?

    public init(first: String? = nil, last: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, jobTitle: String? = nil, labels: [String]? = nil, custom: [String: String]? = nil) {
        self.first = first; self.last = last; self.email = email; self.phone = phone
        self.company = company; self.jobTitle = jobTitle; self.labels = labels; self.custom = custom
    }
}
