public import Foundation
import Hummingbird
public import Logging
import ServiceLifecycle

/// `funnel serve --funnels DIR`: per-funnel webhook receivers (`POST /funnels/NAME/hooks/PROVIDER`),
/// `/status`, `/healthz` and `/metrics` (every series labelled by funnel), with the fleet's workers
/// beside them in one `ServiceGroup`. A webhook on any instance only queues its funnel: whichever
/// worker, in whichever process, claims it next runs the cycle.
public final class FleetServer: Sendable {
    public let baseURL: String
    public let port: Int
    public let fleet: Fleet

    private let host: HTTPHost

    private init(fleet: Fleet, host: HTTPHost) {
        self.baseURL = host.baseURL; self.port = host.port; self.fleet = fleet; self.host = host
    }

    /// Starts the server and the workers; returns once it accepts connections.
    public static func start(host: String, port: Int, stopOnSignals: Bool, fleet: Fleet, metrics: FleetMetrics,
                             webhooks: WebhookSettings, logger: Logger, now: @escaping @Sendable () -> Date = Date.init)
        async throws -> FleetServer {
        let routes = ServeRoutes(
            settings: webhooks, logger: logger, now: now,
            webhookMetrics: { name in name.flatMap { fleet.member(named: $0)?.metrics } },
            health: { await FleetHealth.document(fleet) },
            renderMetrics: { metrics.render() },
            deliver: { name, keys in
                guard let name, try await fleet.enqueue(name: name, keys: keys) else { return .unknownFunnel }
                return .accepted
            },
            status: { try FleetHealth.encode(try await fleet.queue.status()) })
        let host = try await HTTPHost.start(
            host: host, port: port, router: routes.makeRouter(), services: [FleetService(fleet: fleet)],
            stopOnSignals: stopOnSignals, logger: logger, onShutdown: { fleet.requestStop() }, drain: { fleet.requestStop() })
        return FleetServer(fleet: fleet, host: host)
    }

    /// Stops claiming, lets the cycles in flight finish their started steps, and waits.
    public func stop() async {
        fleet.requestStop()
        await host.stop()
    }

    /// Waits until the server ends (after `stop()`, or SIGINT/SIGTERM with `stopOnSignals`).
    public func waitUntilStopped() async throws {
        try await host.waitUntilStopped()
    }
}

/// The fleet's workers as a service: on graceful shutdown they claim nothing more and the cycles
/// in flight finish their started steps before `run` returns.
struct FleetService: Service {
    let fleet: Fleet

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await fleet.run()
        } onGracefulShutdown: {
            fleet.requestStop()
        }
    }
}

/// `/healthz` and `/status` documents of a fleet.
enum FleetHealth {
    static func encode(_ value: some Encodable) throws -> Data {
        try FunnelStatus.encoder.encode(value)
    }

    /// `{"status": "ok"|"failing"|"starting", "funnels": N, "failing": N, "workers": N}`.
    static func document(_ fleet: Fleet) async -> Data {
        struct Document: Encodable {
            var status: String
            var funnels: Int
            var failing: Int
            var workers: Int
        }
        guard let rows = try? await fleet.queue.status() else {
            return (try? encode(Document(status: "failing", funnels: fleet.members.count, failing: 0, workers: fleet.options.workers)))
                ?? Data()
        }
        let failing = rows.filter { $0.failures > 0 }.count
        let started = rows.contains { $0.lastSuccess != nil || $0.lastError != nil }
        let status = failing > 0 ? "failing" : started ? "ok" : "starting"
        return (try? encode(Document(status: status, funnels: rows.count, failing: failing, workers: fleet.options.workers))) ?? Data()
    }
}
