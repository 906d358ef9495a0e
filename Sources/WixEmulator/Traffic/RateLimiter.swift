/// Wix's "200 requests per minute per app instance", per site: a window opens on a site's first
/// request and lasts a minute; requests past the limit inside it get a 429 with `Retry-After`
/// (whole seconds until the window closes). Rejected requests count toward the limit too.
actor RateLimiter {
    private struct Window { var start: ContinuousClock.Instant; var count: Int }

    private let limit: Int
    private let period: Duration
    private var windows: [String: Window] = [:]

    init(limit: Int, period: Duration = .seconds(60)) {
        self.limit = limit
        self.period = period
    }

    /// `nil` when the request may proceed, else the seconds to put in `Retry-After`.
    func admit(site: String, now: ContinuousClock.Instant = .now) -> Int? {
        var window = windows[site] ?? Window(start: now, count: 0)
        if now - window.start >= period { window = Window(start: now, count: 0) }
        window.count += 1
        windows[site] = window
        guard window.count > limit else { return nil }
        let remaining = period - (now - window.start)
        return max(1, Int((Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18).rounded(.up)))
    }

    func reset(site: String?) {
        if let site { windows[site] = nil } else { windows = [:] }
    }
}
