/// A record that could not be mapped: reported with its key and reason, never silently dropped.
public struct RejectedRecord: Sendable, Hashable, Codable, Error {
    public var key: String?
    public var reason: String
    /// `leads.csv:14`, `record #12`, …
    public var location: String?

    public init(key: String?, reason: String, location: String?) {
        self.key = key; self.reason = reason; self.location = location
    }
}
