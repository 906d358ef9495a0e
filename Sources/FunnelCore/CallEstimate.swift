/// API calls apply will make and how long they should take: the latency the plan measured while
/// reading, spread over the parallelism, or the rate limit, whichever bounds it.
public struct CallEstimate: Sendable, Codable, Hashable {
    public var apiCalls: Int
    public var seconds: Double
    /// `200 requests/minute`, `31 ms per call measured, parallelism 4`.
    public var basis: String
    /// API calls the plan itself made while reading Wix.
    public var planReadCalls: Int
    /// Seconds one call took on average while the plan read Wix (nil: nothing was read, an assumed value was used).
    public var secondsPerCall: Double?
    /// Calls apply runs at once (phase steps always run one at a time).
    public var parallelism: Int?
    /// The client's rate limit (nil: none).
    public var requestsPerMinute: Int?
    /// What bounds `seconds`: `latency` or `rate_limit`.
    public var bound: Bound?

    /// What bounds an apply's duration.
    public enum Bound: String, Sendable, Codable, Hashable {
        /// Calls × measured latency ÷ parallelism.
        case latency
        /// Calls ÷ the rate limit.
        case rateLimit = "rate_limit"
    }

    public init(apiCalls: Int = 0, seconds: Double = 0, basis: String = "", planReadCalls: Int = 0,
                secondsPerCall: Double? = nil, parallelism: Int? = nil, requestsPerMinute: Int? = nil, bound: Bound? = nil) {
        self.apiCalls = apiCalls; self.seconds = seconds; self.basis = basis; self.planReadCalls = planReadCalls
        self.secondsPerCall = secondsPerCall; self.parallelism = parallelism; self.requestsPerMinute = requestsPerMinute
        self.bound = bound
    }

    enum CodingKeys: String, CodingKey {
        case apiCalls = "api_calls", seconds, basis
        case planReadCalls = "plan_read_calls"
        case secondsPerCall = "seconds_per_call", parallelism
        case requestsPerMinute = "requests_per_minute", bound
    }
}
