import FunnelConfig
import FunnelCore
import FunnelServe
import FunnelState
import Logging
import PostgresNIO

/// The work queue a fleet shares: on PostgreSQL when every funnel's state is in one PostgreSQL
/// database (so several `serve` processes share it), otherwise in this process's memory.
struct FleetQueue: Sendable {
    let queue: any WorkQueue
    /// For the startup line, password masked.
    let description: String
    /// True when other processes can see this queue (PostgreSQL).
    var isShared = false

    /// On PostgreSQL the queue uses `pools`' pool of the database, the one the funnels' state stores share.
    static func open(_ configs: FleetConfigs, pools: PostgresPools, logger: Logger) async throws -> FleetQueue {
        let databases = configs.entries.map { entry -> PostgresStateURL? in
            if case .postgres(let url) = entry.configuration.stateLocation { return url }
            return nil
        }
        let files = databases.filter { $0 == nil }.count
        if files == databases.count {
            return FleetQueue(queue: MemoryWorkQueue(), description: "in this process")
        }
        let distinct = Set(databases.compactMap { $0?.description })
        guard files == 0, distinct.count == 1, let url = databases.first ?? nil else {
            throw FleetQueueError("""
                the funnels of one folder share one work queue: give them all the same PostgreSQL state \
                (state: ${FUNNEL_STATE_URL}), or all SQLite files; found \(distinct.count) database(s) and \(files) SQLite file(s)
                """)
        }
        let queue = PostgresWorkQueue(client: pools.pool(for: url).client, logger: logger)
        do {
            try await queue.prepare()
        } catch {
            throw FleetQueueError("cannot prepare the work queue on \(url): \(PostgresClients.describe(error))")
        }
        return FleetQueue(queue: queue, description: "PostgreSQL \(url)", isShared: true)
    }
}

/// The fleet's work queue could not be opened.
struct FleetQueueError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
