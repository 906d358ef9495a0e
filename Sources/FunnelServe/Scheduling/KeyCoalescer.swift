import FunnelCore
/// Debounces and coalesces webhook bursts: keys submitted close together are flushed as one batch
/// once no new key has arrived for `quiet`, or `maximumWait` after the first pending key, whichever
/// comes first. Flushes run one at a time; keys arriving during a flush wait for the next batch, and
/// a key named many times in one window is flushed once.
public actor KeyCoalescer {
    /// The debounce windows.
    public struct Timing: Sendable, Hashable {
        /// Flush once no key has arrived for this long.
        public var quiet: Duration
        /// Never hold a key longer than this, however busy the burst.
        public var maximumWait: Duration

        public init(quiet: Duration = .milliseconds(200), maximumWait: Duration = .seconds(2)) {
            self.quiet = quiet; self.maximumWait = maximumWait
        }
    }

    /// Counters for tests, metrics and benchmarks.
    public struct Counts: Sendable, Hashable {
        /// Keys submitted, repeats included.
        public var submitted = 0
        /// Batches handed to the flush closure.
        public var flushes = 0
        /// Keys handed to the flush closure, over all batches.
        public var flushedKeys = 0
    }

    public nonisolated let timing: Timing
    private let flush: @Sendable ([String]) async -> Void
    private let clock: ClockReader
    private var pending: [String] = []
    private var pendingSet: Set<String> = []
    /// Times as elapsed durations on `clock`.
    private var firstPendingAt: Duration?
    private var lastSubmittedAt: Duration?
    private var worker: Task<Void, Never>?
    private var flushImmediately = false
    public private(set) var counts = Counts()

    /// `flush` receives each batch of unique keys, in the order first submitted. `clock` measures
    /// the windows (tests pass a manual one).
    public init(timing: Timing = .init(), clock: any Clock<Duration> = ContinuousClock(),
                flush: @escaping @Sendable ([String]) async -> Void) {
        self.timing = timing
        self.clock = ClockReader(clock)
        self.flush = flush
    }

    /// Adds keys to the pending batch and (re)arms the quiet window.
    public func submit(_ keys: [String]) {
        guard !keys.isEmpty else { return }
        counts.submitted += keys.count
        let now = clock.elapsed()
        for key in keys where pendingSet.insert(key).inserted { pending.append(key) }
        if firstPendingAt == nil { firstPendingAt = now }
        lastSubmittedAt = now
        if worker == nil { worker = Task { await self.work() } }
    }

    /// Flushes whatever is pending now and waits until every flush has finished (used on shutdown).
    public func drain() async {
        flushImmediately = true
        // Not cancelled: the flush must run to completion, and a sleeping worker wakes within one window.
        while let worker { await worker.value }
        flushImmediately = false
    }

    private func work() async {
        while let first = firstPendingAt, let last = lastSubmittedAt {
            let deadline = min(last + timing.quiet, first + timing.maximumWait)
            if !flushImmediately, clock.elapsed() < deadline {
                // Submits during the sleep move `lastSubmittedAt`; the loop re-reads it on waking.
                try? await clock.sleepUntil(deadline)
                continue
            }
            let batch = pending
            pending = []
            pendingSet = []
            firstPendingAt = nil
            lastSubmittedAt = nil
            counts.flushes += 1
            counts.flushedKeys += batch.count
            await flush(batch)
        }
        worker = nil
    }
}
