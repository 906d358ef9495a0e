public import FunnelCore

/// `contact:` — how a record finds and fills its Wix contact.
public struct ContactSpec: Sendable {
    public enum Match: String, Sendable { case email, phone }
    public var match: Match
    /// Keys: `first`, `last`, `email`, `phone`, `company`, `jobTitle` (more may be added).
    public var fields: [String: TemplateSpec]
    /// `contact.country`: the ISO 3166-1 alpha-2 code (`US`) national phone numbers belong to; sent to
    /// Wix as each phone's `countryCode`. nil: every phone must be written with `+`.
    public var country: String?
    /// `contact.labels`: label display names (templates), in the order written.
    public var labels: [TemplateSpec]
    /// `contact.custom`: custom fields by display name, in the order written.
    public var custom: [CustomFieldSpec]
    /// `contact.update`: field (built-in or custom display name) → who owns it; absent = `always`.
    public var update: [String: UpdateRule]
    public var location: SourceLocation?

    public init(match: Match, fields: [String: TemplateSpec], country: String? = nil, labels: [TemplateSpec] = [],
                custom: [CustomFieldSpec] = [], update: [String: UpdateRule] = [:], location: SourceLocation? = nil) {
        self.match = match; self.fields = fields; self.country = country; self.labels = labels; self.custom = custom
        self.update = update; self.location = location
    }
}
