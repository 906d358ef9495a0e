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

    func reset() { stats = EmulatorStats() }
}
