public import FunnelKit

/// One funnel of a fleet: its identity in the work queue, its metrics, and how to build the
/// reconciler for one cycle (a fresh `StopSignal` each time, so a lost lease or a shutdown stops
/// only that cycle; and the worker's name, which the Wix client sends as `x-funnel-writer`).
public struct FleetMember: Sendable {
    public let id: FleetFunnelID
    public let metrics: ServeMetrics
    public let makeReconciler: @Sendable (StopSignal, _ worker: String) -> any Reconciling

    public init(id: FleetFunnelID, metrics: ServeMetrics, makeReconciler: @escaping @Sendable (StopSignal, _ worker: String) -> any Reconciling) {
        self.id = id; self.metrics = metrics; self.makeReconciler = makeReconciler
    }
}
