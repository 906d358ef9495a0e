import FunnelCore

/// Caches the OAuth access token and renews it before it expires, one refresh at a time.
///
/// However many requests ask at once, only the first starts `POST /oauth2/token`; the others
/// await the same task. A token is renewed once less than a fifth of its lifetime (at most a
/// minute) remains, so a request never leaves with a token about to lapse.
actor AccessTokenProvider {
    /// A token and when it was obtained (as the clock's elapsed time) and how long it lives.
    struct Token: Sendable {
        var value: Secret
        var renewAt: Duration
    }

    typealias Fetch = @Sendable () async throws -> (token: Secret, lifetime: Duration)

    private let fetch: Fetch
    private let clock: ClockReader
    private var current: Token?
    private var refreshing: Task<Token, any Error>?

    init(clock: ClockReader, fetch: @escaping Fetch) {
        self.clock = clock
        self.fetch = fetch
    }

    /// A valid token, fetched only if the cached one is missing or due for renewal.
    func token() async throws -> Secret {
        if let current, clock.elapsed() < current.renewAt { return current.value }
        if let refreshing { return try await refreshing.value.value }
        let task = Task { [fetch, clock] in
            let requestedAt = clock.elapsed()
            let (value, lifetime) = try await fetch()
            let margin = min(.seconds(60), lifetime / 5)
            return Token(value: value, renewAt: requestedAt + lifetime - margin)
        }
        refreshing = task
        defer { refreshing = nil }
        let token = try await task.value
        current = token
        return token.value
    }

    /// Forgets `token` after Wix rejected it (401), unless a newer one already replaced it.
    func invalidate(_ token: Secret) {
        if current?.value == token { current = nil }
    }
}
