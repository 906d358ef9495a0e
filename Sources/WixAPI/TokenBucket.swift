/// Token-bucket arithmetic (the GCRA form), free of clocks so it can be tested with plain numbers.
///
/// Time is a `Duration` since any fixed origin. A bucket of `capacity` tokens refills one token
/// every `interval`; `reserve(at:)` hands each request the earliest instant it may go out and
/// books that slot, so concurrent callers queue up in order and never exceed the rate.
struct TokenBucket: Sendable, Equatable {
    /// Time per token: one minute divided by the requests per minute.
    let interval: Duration
    let capacity: Int
    /// The theoretical arrival time: when the bucket would be full again.
    private(set) var fullAt: Duration = .zero

    init(requestsPerMinute: Int, capacity: Int) {
        precondition(requestsPerMinute > 0 && capacity > 0)
        self.interval = .seconds(60) / requestsPerMinute
        self.capacity = capacity
    }

    /// How far ahead of `fullAt` a request may go: the burst allowance.
    private var tolerance: Duration { interval * (capacity - 1) }

    /// Books a slot for a request that wants to go out at `now`; returns when it may go.
    mutating func reserve(at now: Duration) -> Duration {
        let sendAt = max(now, fullAt - tolerance)
        fullAt = max(fullAt, sendAt) + interval
        return sendAt
    }

    /// Holds every request booked from now on until `instant` (a 429's `Retry-After`).
    mutating func hold(until instant: Duration) {
        fullAt = max(fullAt, instant + tolerance)
    }
}
