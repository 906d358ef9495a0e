/// How a record finds its Wix contact: a normalised email (lowercased, trimmed) or phone (E.164-ish digits).
public struct ContactIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case email, phone }
    public var kind: Kind
    public var value: String

    public init(kind: Kind, value: String) { self.kind = kind; self.value = value }

    public var description: String { "\(kind.rawValue):\(value)" }
}
