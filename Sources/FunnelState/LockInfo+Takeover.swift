public import FunnelCore

extension LockInfo {
    /// The line a command prints when `acquireLock` took over a stale lock, or nil when it did not:
    /// `took over a stale state lock ID (apply by WHO on HOST pid PID since SINCE): that process no longer exists`.
    public var staleTakeoverNote: String? {
        tookOverStale.map { stale in
            "took over a stale state lock \(stale.id) (\(stale.operation) by \(stale.who) on \(stale.host) pid \(stale.pid) "
                + "since \(stale.since)): that process no longer exists"
        }
    }
}
