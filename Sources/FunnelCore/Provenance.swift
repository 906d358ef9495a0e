/// Why a step exists: the source record and the config line that caused it.
public struct Provenance: Sendable, Hashable, Codable {
    /// The CRM record id.
    public var recordKey: String?
    /// Where the record was read, e.g. `leads.csv:14` or `https://api…/deals page 3`.
    public var record: String?
    /// The config line responsible (a stage-map entry, a phase, a policy).
    public var config: SourceLocation?

    public init(recordKey: String? = nil, record: String? = nil, config: SourceLocation? = nil) {
        self.recordKey = recordKey; self.record = record; self.config = config
    }
}
