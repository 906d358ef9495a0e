/// API calls apply will make and how long they should take: the longest of the latency the plan
/// measured while reading (spread over the parallelism), apply's own CPU work (per call, from the last
/// apply, over the CPU the machine gives) and the rate limit.
public struct CallEstimate: Sendable, Codable, Hashable {
    public var apiCalls: Int
    public var seconds: Double
    /// `200 requests/minute`, `31 ms per call measured, parallelism 4; apply's CPU 0.5 ms per call, 2 cores`.
    public var basis: String
    /// API calls the plan itself made while reading Wix.
    public var planReadCalls: Int
    /// Seconds one call took while the plan read Wix: the median of its reads' response times (nil:
    /// nothing was read, an assumed value was used).
    public var secondsPerCall: Double?
    /// Calls apply runs at once (phase steps always run one at a time).
    public var parallelism: Int?
    /// The client's rate limit (nil: none).
    public var requestsPerMinute: Int?
    /// What bounds `seconds`: `latency`, `cpu` or `rate_limit`.
    public var bound: Bound?
    /// Apply's own CPU seconds per call, measured on the last apply (nil: no apply yet, not known).
    public var cpuSecondsPerCall: Double?
    /// Cores the CPU work spreads over (at most `parallelism` of them; nil while the CPU per call is not known).
    public var cores: Int?
    /// Cores' worth of CPU the process got when the plan measured it (a busy machine gives less than
    /// `cores`); nil: not measured (the CPU could not bound the apply), `cores` taken as free.
    public var availableCores: Double?
    /// Seconds under each bound alone, summed over the step groups (`seconds` takes the longest per group).
    public var bounds: Bounds?

    /// What bounds an apply's duration.
    public enum Bound: String, Sendable, Codable, Hashable {
        /// Rounds of `parallelism` calls × measured latency.
        case latency
        /// Calls × apply's CPU per call ÷ the cores it can use (those free, on a busy machine).
        case cpu
        /// Calls ÷ the rate limit.
        case rateLimit = "rate_limit"
    }

    /// The seconds each bound alone would take.
    public struct Bounds: Sendable, Codable, Hashable {
        public var latency: Double
        /// Nil: apply's CPU per call is not known yet.
        public var cpu: Double?
        /// Nil: no rate limit.
        public var rateLimit: Double?

        public init(latency: Double, cpu: Double? = nil, rateLimit: Double? = nil) {
            self.latency = latency; self.cpu = cpu; self.rateLimit = rateLimit
        }

        enum CodingKeys: String, CodingKey {
            case latency, cpu, rateLimit = "rate_limit"
        }
    }

    public init(apiCalls: Int = 0, seconds: Double = 0, basis: String = "", planReadCalls: Int = 0,
                secondsPerCall: Double? = nil, parallelism: Int? = nil, requestsPerMinute: Int? = nil, bound: Bound? = nil,
                cpuSecondsPerCall: Double? = nil, cores: Int? = nil, availableCores: Double? = nil, bounds: Bounds? = nil) {
        self.apiCalls = apiCalls; self.seconds = seconds; self.basis = basis; self.planReadCalls = planReadCalls
        self.secondsPerCall = secondsPerCall; self.parallelism = parallelism; self.requestsPerMinute = requestsPerMinute
        self.bound = bound; self.cpuSecondsPerCall = cpuSecondsPerCall; self.cores = cores
        self.availableCores = availableCores; self.bounds = bounds
    }

    enum CodingKeys: String, CodingKey {
        case apiCalls = "api_calls", seconds, basis
        case planReadCalls = "plan_read_calls"
        case secondsPerCall = "seconds_per_call", parallelism
        case requestsPerMinute = "requests_per_minute", bound
        case cpuSecondsPerCall = "cpu_seconds_per_call", cores, availableCores = "available_cores", bounds
    }
}
