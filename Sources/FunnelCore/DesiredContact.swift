/// The managed contact fields a record maps to (nil = not managed by the config).
///
/// The fields are `Shared`: a lead, its create step and its binding hold one copy (eight fields
/// inline are 112 B each; issue #15).
public struct DesiredContact: Sendable, Hashable, Codable {
    struct Fields: Sendable, Hashable, Codable {
        var first: String?
        var last: String?
        var email: String?
        var phone: String?
        var company: String?
        var jobTitle: String?
        var labels: [String]?
        var custom: [String: String]?
    }

    /// Every contact without fields shares one box.
    private static let none = Shared(Fields())

    private var fields: Shared<Fields>

    public var first: String? { get { fields.value.first } set { fields.value.first = newValue } }
    public var last: String? { get { fields.value.last } set { fields.value.last = newValue } }
    public var email: String? { get { fields.value.email } set { fields.value.email = newValue } }
    public var phone: String? { get { fields.value.phone } set { fields.value.phone = newValue } }
    public var company: String? { get { fields.value.company } set { fields.value.company = newValue } }
    public var jobTitle: String? { get { fields.value.jobTitle } set { fields.value.jobTitle = newValue } }
    /// Label display names (`contact.labels`); in the state: the labels funnel added itself.
    public var labels: [String]? { get { fields.value.labels } set { fields.value.labels = newValue } }
    /// Custom field display name → value in its canonical form (`CustomFieldType.normalize`).
    public var custom: [String: String]? { get { fields.value.custom } set { fields.value.custom = newValue } }

    public init(first: String? = nil, last: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, jobTitle: String? = nil, labels: [String]? = nil, custom: [String: String]? = nil) {
        let fields = Fields(first: first, last: last, email: email, phone: phone, company: company, jobTitle: jobTitle,
                            labels: labels, custom: custom)
        self.fields = fields == Fields() ? Self.none : Shared(fields)
    }

    public init(from decoder: any Decoder) throws { fields = Shared(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try fields.value.encode(to: encoder) }
}
