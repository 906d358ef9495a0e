/// How a fleet's workers share the queue.
public struct FleetOptions: Sendable {
    /// Workers in this process (each runs one funnel's cycle at a time).
    public var workers: Int
    /// How long a claim holds a funnel without renewal; a dead worker's funnels are claimed by the
    /// others after at most this long. Renewed every third of it while a cycle runs.
    public var lease: Duration
    /// How long an idle worker waits before asking the queue again.
    public var poll: Duration
    /// Whole-funnel cycles: interval, jitter and backoff after failures.
    public var schedule: CycleSchedule
    /// Webhook keys wait this long in the queue, so a burst becomes one cycle.
    public var debounce: Duration
    /// Prefix of this process's worker names (`HOST:PID`); workers are `PREFIX/w1`, `PREFIX/w2`, ….
    public var workerPrefix: String

    public init(workers: Int = 4, lease: Duration = .seconds(30), poll: Duration = .milliseconds(500),
                schedule: CycleSchedule = CycleSchedule(interval: .seconds(300)), debounce: Duration = .milliseconds(200),
                workerPrefix: String) {
        self.workers = max(1, workers); self.lease = lease; self.poll = poll; self.schedule = schedule
        self.debounce = debounce; self.workerPrefix = workerPrefix
    }

    public func workerName(_ index: Int) -> String { "\(workerPrefix)/w\(index)" }
}
