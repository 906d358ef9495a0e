/// A source could not be read: a malformed file, a failed request, a bad page. The message names
/// the position (`leads.csv:57: unterminated quoted field`, `GET https://…/deals page 3: HTTP 401 …`)
/// and never carries a token or header value.
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: `leads.csv:57`, `GET https://api.example.com/leads page 3`.
    public var position: String
    public var message: String

    public init(_ message: String, at position: String) {
        self.message = message; self.position = position
    }

    public var description: String { "\(position): \(message)" }
}
