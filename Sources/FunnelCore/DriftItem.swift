/// A card moved or edited by hand in Wix.
public struct DriftItem: Sendable, Codable, Hashable {
    public var address: String
    public var description: String
    /// `revert` (a step puts it back) or `keep` (left as the person set it).
    public var resolution: String

    public init(address: String, description: String, resolution: String) {
        self.address = address; self.description = description; self.resolution = resolution
    }
}
