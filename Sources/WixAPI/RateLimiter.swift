import FunnelCore
/// The one gate every request of a client passes, whatever task sends it.
///
/// With a rate it spaces requests with a `TokenBucket`; with or without one it holds everybody
/// back after a 429 until its `Retry-After` has passed, so one throttled call does not let the
/// others run into the same wall.
actor RateLimiter {
    private var bucket: TokenBucket?
    private var heldUntil: Duration = .zero
    private let clock: ClockReader

    init(requestsPerMinute: Int?, burst: Int, clock: ClockReader) {
        self.bucket = requestsPerMinute.map { TokenBucket(requestsPerMinute: $0, capacity: burst) }
        self.clock = clock
    }

    /// Waits for this request's slot.
    func acquire() async throws {
        let now = clock.elapsed()
        var sendAt = max(now, heldUntil)
        if bucket != nil { sendAt = bucket!.reserve(at: sendAt) }
        if sendAt > now { try await clock.sleepUntil(sendAt) }
    }

    /// Holds all requests not yet sent for `delay` from now.
    func hold(for delay: Duration) {
        let until = clock.elapsed() + delay
        heldUntil = max(heldUntil, until)
        bucket?.hold(until: until)
    }
}
