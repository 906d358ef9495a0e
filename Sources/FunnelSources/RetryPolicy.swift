/// How a source retries 429, 5xx and network errors: exponential backoff from `baseDelay`, each
/// wait capped at `maxDelay`, at most `maxRetries` retries per request. A server-given wait
/// (`Retry-After`, HubSpot's interval, Pipedrive's `x-ratelimit-reset`) replaces the backoff step.
public struct RetryPolicy: Sendable, Hashable {
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.maxRetries = maxRetries; self.baseDelay = baseDelay; self.maxDelay = maxDelay
    }

    public static let standard = RetryPolicy()

    /// The backoff before retry number `attempt` (0-based), unless the server said how long.
    func delay(attempt: Int, serverSaid: Duration?) -> Duration {
        if let serverSaid { return min(serverSaid, maxDelay) }
        let factor = 1 << min(attempt, 16)
        return min(baseDelay * factor, maxDelay)
    }
}
