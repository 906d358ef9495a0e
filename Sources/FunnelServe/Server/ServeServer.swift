public import Foundation
import FunnelKit
import Hummingbird
public import Logging
import ServiceLifecycle

/// `funnel serve`: the webhook receivers, `/healthz` and `/metrics` on Hummingbird, with the watch
/// loop beside them in one `ServiceGroup`. Webhook keys are debounced and coalesced, then reconciled
/// through the same runner as the interval cycles, so one cycle runs at a time.
public final class ServeServer: Sendable {
    /// `http://HOST:PORT`, with the port actually bound.
    public let baseURL: String
    public let port: Int
    public let runner: ReconcileRunner
    public let coalescer: KeyCoalescer
    public let metrics: ServeMetrics

    private let host: HTTPHost

    private init(runner: ReconcileRunner, coalescer: KeyCoalescer, metrics: ServeMetrics, host: HTTPHost) {
        self.baseURL = host.baseURL; self.port = host.port; self.runner = runner; self.coalescer = coalescer
        self.metrics = metrics; self.host = host
    }

    /// What to run and where.
    public struct Options: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Interval cycles; nil runs webhook cycles only.
        public var schedule: CycleSchedule?
        public var coalescing: KeyCoalescer.Timing
        /// Stop gracefully on SIGINT/SIGTERM (the CLI); tests call `stop()`.
        public var stopOnSignals: Bool

        public init(host: String = "127.0.0.1", port: Int = 8080, schedule: CycleSchedule? = nil,
                    coalescing: KeyCoalescer.Timing = .init(), stopOnSignals: Bool = false) {
            self.host = host; self.port = port; self.schedule = schedule; self.coalescing = coalescing
            self.stopOnSignals = stopOnSignals
        }
    }

    /// Starts the server and returns once it accepts connections.
    public static func start(_ options: Options, webhooks: WebhookSettings, runner: ReconcileRunner, metrics: ServeMetrics,
                             logger: Logger, now: @escaping @Sendable () -> Date = Date.init) async throws -> ServeServer {
        let coalescer = KeyCoalescer(timing: options.coalescing) { keys in
            _ = await runner.run(.records(keys))
        }
        let routes = ServeRoutes(
            settings: webhooks, logger: logger, now: now, webhookMetrics: { $0 == nil ? metrics : nil },
            health: { HealthDocument(await runner.health).encoded() }, renderMetrics: { metrics.render() },
            deliver: { _, keys in
                await coalescer.submit(keys)
                return .accepted
            })
        var services: [any Service] = []
        if let schedule = options.schedule { services.append(WatchService(runner: runner, schedule: schedule)) }
        let host = try await HTTPHost.start(
            host: options.host, port: options.port, router: routes.makeRouter(), services: services,
            stopOnSignals: options.stopOnSignals, logger: logger, onShutdown: { runner.requestStop() },
            drain: {
                // A webhook batch may still be in flight; it stops after its started steps.
                runner.requestStop()
                await runner.waitForIdle()
            })
        return ServeServer(runner: runner, coalescer: coalescer, metrics: metrics, host: host)
    }

    /// Stops accepting connections, lets the cycle in flight finish its started steps, and waits.
    public func stop() async {
        runner.requestStop()
        await host.stop()
    }

    /// Waits until the server ends (after `stop()`, or SIGINT/SIGTERM with `stopOnSignals`).
    public func waitUntilStopped() async throws {
        try await host.waitUntilStopped()
    }
}

/// `funnel serve` could not start or run.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
