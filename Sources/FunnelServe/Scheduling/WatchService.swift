import Foundation
import FunnelKit
public import ServiceLifecycle

/// `funnel watch` as a service: a whole-funnel cycle every interval (with jitter, backed off after
/// failures). On graceful shutdown (SIGINT/SIGTERM through a `ServiceGroup`) the cycle in flight
/// finishes the steps it started, starts no new one, and the service returns.
public struct WatchService: Service {
    public let runner: ReconcileRunner
    public let schedule: CycleSchedule

    public init(runner: ReconcileRunner, schedule: CycleSchedule) {
        self.runner = runner
        self.schedule = schedule
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully {
            let runner = self.runner
            let report = await withGracefulShutdownHandler {
                await runner.run(.all, schedule: schedule)
            } onGracefulShutdown: {
                runner.requestStop()
            }
            guard let next = report.nextRun else { break }
            let delay = max(0, next.timeIntervalSinceNow)
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .seconds(delay))
                }
            } catch {
                break  // shutting down (or cancelled) while waiting: nothing is in flight
            }
        }
        await runner.waitForIdle()
    }
}
