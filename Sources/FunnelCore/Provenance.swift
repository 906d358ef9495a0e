/// Why a step exists: the source record and the config line that caused it.
///
/// `Shared`: a lead and its contact and card steps hold one copy (72 B inline each; issue #15).
public struct Provenance: Sendable, Hashable, Codable {
    struct Fields: Sendable, Hashable, Codable {
        var recordKey: String?
        var record: String?
        var config: SourceLocation?
    }

    /// Every step without provenance (the workflow's, the phases') shares one box.
    private static let none = Shared(Fields())

    private var fields: Shared<Fields>

    /// The CRM record id.
    public var recordKey: String? { get { fields.value.recordKey } set { fields.value.recordKey = newValue } }
    /// Where the record was read, e.g. `leads.csv:14` or `https://api…/deals page 3`.
    public var record: String? { get { fields.value.record } set { fields.value.record = newValue } }
    /// The config line responsible (a stage-map entry, a phase, a policy).
    public var config: SourceLocation? { get { fields.value.config } set { fields.value.config = newValue } }

    public init(recordKey: String? = nil, record: String? = nil, config: SourceLocation? = nil) {
        let fields = Fields(recordKey: recordKey, record: record, config: config)
        self.fields = fields == Fields() ? Self.none : Shared(fields)
    }

    public init(from decoder: any Decoder) throws { fields = Shared(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try fields.value.encode(to: encoder) }
}
