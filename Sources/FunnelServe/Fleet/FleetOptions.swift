/// How a fleet's workers share the queue.
public struct FleetOptions: Sendable {
    /// Workers in this process (each runs one funnel's cycle at a time).
    public var workers: Int
    /// How long a claim holds a funnel without renewal; a dead worker's funnels are claimed by the
    /// others after at most this long. Renewed every third of it while a cycle runs.
    public var lease: Duration
    /// How long an idle worker waits before asking the queue again.
    public var poll: Duration
    /// Whole-funnel cycles: interval and jitter; its `maximumBackoff` caps the retry delay.
    public var schedule: CycleSchedule
    /// The first retry after a failed cycle waits this long (±jitter), doubling with each further
    /// failure up to `schedule.maximumBackoff`: a lock held by a CI apply or a Wix outage is retried
    /// in seconds, not after a whole interval.
    public var retryBase: Duration
    /// Webhook keys wait this long in the queue, so a burst becomes one cycle.
    public var debounce: Duration
    /// Once a stop is requested, how long cycles in flight may take to finish their started steps
    /// before they are cancelled (the journal lets the next run resume them).
    public var stopGrace: Duration
    /// A cycle running longer than this is stuck: it is asked to stop, and cancelled `stopGrace`
    /// later; the funnel is retried.
    public var cycleTimeout: Duration
    /// Prefix of this process's worker names (`HOST:PID`); workers are `PREFIX/w1`, `PREFIX/w2`, ….
    public var workerPrefix: String

    public init(workers: Int = 4, lease: Duration = .seconds(30), poll: Duration = .milliseconds(500),
                schedule: CycleSchedule = CycleSchedule(interval: .seconds(300)), debounce: Duration = .milliseconds(200),
                retryBase: Duration = .seconds(5), stopGrace: Duration = .seconds(30), cycleTimeout: Duration = .seconds(1800),
                workerPrefix: String) {
        self.workers = max(1, workers); self.lease = lease; self.poll = poll; self.schedule = schedule
        self.debounce = debounce; self.retryBase = retryBase; self.stopGrace = stopGrace
        self.cycleTimeout = cycleTimeout; self.workerPrefix = workerPrefix
    }

    /// The delay before retrying a funnel after `failures` failed cycles in a row (1 = the first).
    public func retryDelay(failures: Int, unit: Double) -> Duration {
        let retry = CycleSchedule(interval: retryBase, jitter: schedule.jitter, maximumBackoff: schedule.maximumBackoff)
        return min(retry.delay(consecutiveFailures: max(0, failures - 1), unit: unit), max(schedule.maximumBackoff, retryBase))
    }

    public func workerName(_ index: Int) -> String { "\(workerPrefix)/w\(index)" }
}
