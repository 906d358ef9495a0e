/// When the next reconcile cycle runs: every `interval`, spread by ±`jitter` so many watchers do not
/// hit the APIs in step, and backing off exponentially (doubling, up to `maximumBackoff`) after
/// consecutive failures.
public struct CycleSchedule: Sendable, Hashable {
    public var interval: Duration
    /// Fraction of the delay to spread it by, both ways: 0.1 = ±10 %.
    public var jitter: Double
    /// The longest wait after failures (never shorter than `interval`).
    public var maximumBackoff: Duration

    public init(interval: Duration, jitter: Double = 0.1, maximumBackoff: Duration = .seconds(600)) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 1)
        self.maximumBackoff = maximumBackoff
    }

    /// The delay before the next cycle, after `consecutiveFailures` failed cycles in a row.
    /// `unit` is a random number in `0..<1` (from the caller's random source).
    public func delay(consecutiveFailures: Int, unit: Double) -> Duration {
        let base = interval * (1 << min(max(consecutiveFailures, 0), 20))
        let capped = consecutiveFailures > 0 ? min(base, max(maximumBackoff, interval)) : interval
        let factor = 1 + jitter * (2 * unit - 1)
        return capped * factor
    }

    /// The same, drawing the random number from `generator`.
    public func delay(consecutiveFailures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        delay(consecutiveFailures: consecutiveFailures, unit: Double.random(in: 0..<1, using: &generator))
    }
}
