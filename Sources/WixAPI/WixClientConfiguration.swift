public import FunnelCore

/// Everything a `WixClient` needs to know: where Wix is, who we are, and how patient to be.
public struct WixClientConfiguration: Sendable {
    /// The real Wix REST host.
    public static let wixHost = "https://www.wixapis.com"
    /// Wix allows about 200 requests per minute per site installation (wix-api.md §2.4).
    public static let wixRequestsPerMinute = 200

    /// Base URL without a trailing slash, e.g. `https://www.wixapis.com` or a sandbox's `http://127.0.0.1:PORT`.
    public var endpoint: String
    public var auth: WixAuth
    /// Token-bucket limit shared by every call on this client; `nil` turns the limiter off.
    public var requestsPerMinute: Int?
    /// How many requests may go out back to back before the limiter spaces them evenly.
    /// Small by default: Wix does not say how it counts, and an evenly spaced stream never
    /// exceeds R in any one-minute window.
    public var burst: Int
    /// The share of `requestsPerMinute` the limiter aims for. Slightly under 1 so requests that
    /// reach the server a few milliseconds apart from their slot never tip a fixed one-minute
    /// window over the limit.
    public var headroom: Double
    /// Deadline of one HTTP attempt (connect, send, receive).
    public var timeout: Duration
    /// Attempts per call, the first one included.
    public var maxAttempts: Int
    /// The total time one call may spend waiting between attempts before it gives up.
    public var retryBudget: Duration
    /// Backoff before retry `n` (1-based) is a random value in `[0, min(maxBackoff, baseBackoff * 2^(n-1))]`.
    public var baseBackoff: Duration
    public var maxBackoff: Duration
    /// The longest `Retry-After` the client honours; a longer one fails the call with the 429.
    public var maxRetryAfter: Duration
    /// Sent as `x-funnel-writer` on every call when set: which funnel worker is writing (the
    /// sandbox counts overlapping writers per site with it; Wix ignores unknown headers).
    public var writerID: String?

    /// - Parameters:
    ///   - endpoint: the Wix host; defaults to the real one.
    ///   - requestsPerMinute: defaults to Wix's 200; pass `nil` for a sandbox without a limit
    ///     (or use `sandbox(baseURL:apiKey:siteId:)`).
    public init(
        endpoint: String = WixClientConfiguration.wixHost,
        auth: WixAuth,
        requestsPerMinute: Int? = WixClientConfiguration.wixRequestsPerMinute,
        burst: Int = 1,
        headroom: Double = 0.97,
        timeout: Duration = .seconds(30),
        maxAttempts: Int = 6,
        retryBudget: Duration = .seconds(120),
        baseBackoff: Duration = .milliseconds(250),
        maxBackoff: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(90)
    ) {
        var trimmed = endpoint
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.endpoint = trimmed
        self.auth = auth
        self.requestsPerMinute = requestsPerMinute.map { max(1, $0) }
        self.burst = max(1, burst)
        self.headroom = min(1, max(0.1, headroom))
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.retryBudget = retryBudget
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
    }
}

extension WixClientConfiguration {
    /// The rate the limiter actually paces at, in requests per minute.
    var pacedRequestsPerMinute: Int? {
        requestsPerMinute.map { max(1, Int((Double($0) * headroom).rounded(.down))) }
    }

    /// A configuration for a local sandbox: API-key auth, no rate limit, short backoff.
    public static func sandbox(baseURL: String, apiKey: Secret, siteId: String) -> WixClientConfiguration {
        WixClientConfiguration(
            endpoint: baseURL, auth: .apiKey(apiKey, siteId: siteId), requestsPerMinute: nil,
            timeout: .seconds(10), baseBackoff: .milliseconds(20), maxBackoff: .seconds(1))
    }
}
