public import Logging
import ServiceLifecycle
import UnixSignals

/// `funnel watch`: the watch loop in a `ServiceGroup` that stops gracefully on SIGINT/SIGTERM —
/// the cycle in flight finishes the steps it started, starts no new one, and `run` returns.
public enum WatchSession {
    /// Runs interval cycles until a signal (or until the calling task is cancelled).
    public static func run(runner: ReconcileRunner, schedule: CycleSchedule, logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [WatchService(runner: runner, schedule: schedule)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
