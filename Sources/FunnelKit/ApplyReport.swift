import FunnelCore

/// The end-of-apply report: what was done, what failed (with the Wix error), what was skipped.
public struct ApplyReport: Sendable, Codable, Hashable {
    public struct Failure: Sendable, Codable, Hashable {
        public var step: Int
        public var action: String
        public var address: String
        public var error: String
    }

    public struct Skip: Sendable, Codable, Hashable {
        public var step: Int
        public var action: String
        public var address: String
        public var blockedBy: [Int]
        enum CodingKeys: String, CodingKey { case step, action, address, blockedBy = "blocked_by" }
    }

    public var runId: String
    public var done: Int
    /// Creates that found their object already there (an interrupted run, a lost response).
    public var adopted: Int
    public var failed: [Failure]
    public var skipped: [Skip]
    public var seconds: Double
    public var apiCalls: Int
    public var serial: Int
    /// A stop was requested (SIGINT/SIGTERM) and some steps were left for the next apply.
    public var stopped = false

    public var succeeded: Bool { failed.isEmpty && skipped.isEmpty && !stopped }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id", done, adopted, failed, skipped, seconds, apiCalls = "api_calls", serial, stopped
    }
}
