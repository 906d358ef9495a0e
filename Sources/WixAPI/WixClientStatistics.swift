/// Counters of what a client has sent, for plan's API-call estimates and for benchmarks.
public struct WixClientStatistics: Sendable, Hashable, CustomStringConvertible {
    /// HTTP requests sent to Wix API paths, every attempt counted (token requests excluded).
    public var requests = 0
    /// Attempts beyond the first of a call.
    public var retries = 0
    /// 429 responses received (whether or not a retry then succeeded).
    public var rateLimited = 0
    /// 5xx responses received.
    public var serverErrors = 0
    /// Attempts that got no response: timeouts and connection errors.
    public var transportErrors = 0
    /// `POST /oauth2/token` requests (OAuth only).
    public var tokenRequests = 0
    /// Seconds spent waiting for Wix API responses, summed over `requests` (rate-limit waits and
    /// backoff excluded): divided by `requests`, the latency plan's estimate uses.
    public var responseSeconds = 0.0
    /// The same responses' times one by one, in buckets: `responseTimes.since(before).quantile(0.5)`
    /// is the median of a stretch of calls, which a few heavy queries do not move.
    public var responseTimes = ResponseTimes()

    public init() {}

    public var description: String {
        "\(requests) requests, \(retries) retries, \(rateLimited) × 429, \(serverErrors) × 5xx, "
            + "\(transportErrors) transport errors, \(tokenRequests) token requests"
    }
}
