public struct GateVerdict: Sendable, Codable, Hashable {
    public var refused: Bool
    public var message: String
    public init(refused: Bool, message: String) { self.refused = refused; self.message = message }
}
