/// A value that must never be printed: API keys, tokens, passwords.
/// `description`, `debugDescription` and `Codable` all redact it; read `.revealed` only where
/// the value leaves the process on purpose (an HTTP header).
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
