import Prometheus

/// The metrics of a fleet: one registry, one `ServeMetrics` per funnel (series labelled `funnel`).
public final class FleetMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()

    public init() {}

    /// The metrics of the funnel named `name`.
    public func funnel(_ name: String) -> ServeMetrics {
        ServeMetrics(registry: registry, funnel: name)
    }

    /// The exposition document of every funnel.
    public func render() -> String {
        registry.emitToString()
    }
}
