/// A live object and the version the plan saw (`updatedDate`, `revision`, or a name/position digest).
public struct ObservedObject: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable { case workflow, phase, card, contact }
    public var kind: Kind
    public var id: String
    public var address: String
    public var version: String

    public init(kind: Kind, id: String, address: String, version: String) {
        self.kind = kind; self.id = id; self.address = address; self.version = version
    }
}
