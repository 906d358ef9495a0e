/// An `any Clock<Duration>` opened once, so callers (the Wix client's limiter and backoff, the
/// webhook coalescer) can read elapsed time and sleep without knowing the clock's `Instant` type.
/// Tests pass a manual clock.
public struct ClockReader: Sendable {
    /// Time since the reader was made.
    public let elapsed: @Sendable () -> Duration
    /// Sleeps until `elapsed()` reaches the given value.
    public let sleepUntil: @Sendable (Duration) async throws -> Void

    public init(_ clock: any Clock<Duration>) {
        self.init(opening: clock)
    }

    private init<C: Clock<Duration>>(opening clock: C) {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleepUntil = { target in try await clock.sleep(until: origin.advanced(by: target), tolerance: nil) }
    }
}
