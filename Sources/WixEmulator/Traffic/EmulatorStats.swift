/// Request counters of a running sandbox (`GET /_sandbox/stats`, `EmulatorServer.stats()`).
public struct EmulatorStats: Sendable, Codable, Equatable {
    /// Injected-fault counters.
    public struct Faults: Sendable, Codable, Equatable {
        /// Requests answered 503 before they ran.
        public var serverErrors = 0
        /// Connections closed without a response.
        public var droppedConnections = 0
        /// Writes committed but answered 504.
        public var commitThenFail = 0

        public init() {}

        /// All injected faults.
        public var total: Int { serverErrors + droppedConnections + commitThenFail }
    }

    /// Who wrote to one site, and whether two writers ever had writes in flight at once.
    public struct SiteWriters: Sendable, Codable, Equatable {
        /// Writes received for the site (before faults and rate limits).
        public var writes = 0
        /// Every `x-funnel-writer` seen (`anonymous` when absent).
        public var writers: Set<String> = []
        /// The most distinct writers that had writes in flight at the same moment.
        public var maxConcurrentWriters = 0
        /// Writes that started while another writer had one in flight on this site.
        public var overlaps = 0

        public init() {}
    }

    /// Every request received, `/_sandbox` ones excepted.
    public var totalRequests = 0
    /// Requests per method and route template, e.g. `"POST /workflows/v1/workflows/{workflowId}/phases"`.
    public var requests: [String: Int] = [:]
    /// Requests per Wix operation, whichever prefix served them, e.g. `"CreatePhase"`.
    public var operations: [String: Int] = [:]
    /// Responses per HTTP status code (as a string); dropped connections have none.
    public var statuses: [String: Int] = [:]
    /// Requests answered 429.
    public var rateLimited = 0
    /// Injected faults.
    public var faults = Faults()
    /// Requests per site (authenticated ones).
    public var requestsBySite: [String: Int] = [:]
    /// Requests answered 429 by the per-site rate limit, per site.
    public var rateLimitedBySite: [String: Int] = [:]
    /// Writers per site (see `SiteWriters`).
    public var writers: [String: SiteWriters] = [:]
    /// The `SandboxVariant` ids the sandbox plays, in their documented order (empty: the documented reading).
    public var variants: [String] = []

    public init() {}

    /// Requests made for one operation.
    public func count(_ operation: EmulatorOperation) -> Int { operations[operation.rawValue] ?? 0 }
}

/// Collects `EmulatorStats` for one server.
actor StatsRecorder {
    enum Outcome: Sendable { case status(Int), rateLimited, serverError, dropped, commitThenFail(Int) }

    private(set) var stats = EmulatorStats()

    func record(route: String, operation: String, outcome: Outcome) {
        stats.totalRequests += 1
        stats.requests[route, default: 0] += 1
        stats.operations[operation, default: 0] += 1
        switch outcome {
        case .status(let status): stats.statuses[String(status), default: 0] += 1
        case .rateLimited: stats.rateLimited += 1; stats.statuses["429", default: 0] += 1
        case .serverError: stats.faults.serverErrors += 1; stats.statuses["503", default: 0] += 1
        case .dropped: stats.faults.droppedConnections += 1
        case .commitThenFail(let status): stats.faults.commitThenFail += 1; stats.statuses[String(status), default: 0] += 1
        }
    }

    func record(site: String, rateLimited: Bool) {
        stats.requestsBySite[site, default: 0] += 1
        if rateLimited { stats.rateLimitedBySite[site, default: 0] += 1 }
    }

    func reset() { stats = EmulatorStats() }
}
