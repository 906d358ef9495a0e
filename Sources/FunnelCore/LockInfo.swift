/// Who holds the state lock, for "locked by … since … on host … pid …" messages.
public struct LockInfo: Sendable, Codable, Hashable {
    public var id: String
    /// `plan`, `apply`, `watch`, `serve`.
    public var operation: String
    public var who: String
    public var host: String
    public var pid: Int32
    public var since: String
    /// Set when acquiring took over a stale lock (its process on this host was gone), so the caller
    /// can say so. Not persisted.
    public var tookOverStale: LockInfo? {
        get { staleLocks.first }
        set { staleLocks = newValue.map { [$0] } ?? [] }
    }
    // An array because a struct cannot hold an optional of itself; at most one element.
    private var staleLocks: [LockInfo] = []

    private enum CodingKeys: String, CodingKey { case id, operation, who, host, pid, since }

    public init(id: String, operation: String, who: String, host: String, pid: Int32, since: String) {
        self.id = id; self.operation = operation; self.who = who; self.host = host; self.pid = pid; self.since = since
    }
}
