public import FunnelCore
import PostgresNIO
import Synchronization

/// One connection pool per PostgreSQL database for a whole process: every state store opened
/// with it (a fleet's cycles, `watch`'s and `serve`'s cycles) and the fleet's work queue share the
/// pool of their database instead of each opening one of its own.
///
/// The bound, per database and process: at most `maximumConnections` pooled connections (opened
/// on demand, closed after 60 s idle), plus one connection per state lock held (a session
/// advisory lock lives on a connection of its own, closed when the lock is released or given up).
/// A fleet of W workers therefore uses at most `maximumConnections + W` connections per process.
///
/// Opening a pool is cheap and lazy; `close()` shuts every pool down (stores still open fail).
public final class PostgresPools: Sendable {
    /// Pooled connections per database unless the caller asks for another bound.
    public static let defaultMaximumConnections = 8

    public let maximumConnections: Int
    private let pools = Mutex<[String: PostgresPool]>([:])

    public init(maximumConnections: Int = PostgresPools.defaultMaximumConnections) {
        self.maximumConnections = max(1, maximumConnections)
    }

    /// The pool of `url`'s database, started on first use.
    public func pool(for url: PostgresStateURL) -> PostgresPool {
        pools.withLock { pools in
            // The key holds the password (the same database reached as another role is another pool);
            // it never leaves this dictionary.
            if let pool = pools[url.revealed] { return pool }
            let pool = PostgresPool(url: url, maximumConnections: maximumConnections)
            pools[url.revealed] = pool
            return pool
        }
    }

    /// How many databases have a pool (tests: stores and queue on one database share one).
    public var count: Int { pools.withLock { $0.count } }

    /// Shuts every pool down. Idempotent.
    public func close() async {
        let all = pools.withLock { pools in
            defer { pools.removeAll() }
            return Array(pools.values)
        }
        for pool in all { await pool.close() }
    }
}
