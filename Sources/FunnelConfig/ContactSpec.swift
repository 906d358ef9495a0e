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
    public var location: SourceLocation?

    public init(match: Match, fields: [String: TemplateSpec], country: String? = nil, location: SourceLocation? = nil) {
        self.match = match; self.fields = fields; self.country = country; self.location = location
    }
}
