/// A funnel's identity in the queue.
public struct FleetFunnelID: Sendable, Hashable, Codable {
    /// The state namespace, `<siteId>/<workflow name>`: the same on every machine.
    public var namespace: String
    /// The short name (the config file's name without `.yaml`), used in webhook URLs and output.
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace; self.name = name
    }
}
