import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Hummingbird plus background services in one `ServiceGroup`, started and returned once it
/// listens: what `ServeServer` (one funnel) and `FleetServer` (many) share.
struct HTTPHost: Sendable {
    let baseURL: String
    let port: Int
    let serviceGroup: ServiceGroup
    let runTask: Task<Void, any Error>

    /// - Parameters:
    ///   - onShutdown: called when graceful shutdown begins (stop starting work).
    ///   - drain: awaited after the group ends (let work in flight finish).
    static func start(host: String, port: Int, router: Router<BasicRequestContext>, services: [any Service],
                      stopOnSignals: Bool, logger: Logger, onShutdown: @escaping @Sendable () -> Void,
                      drain: @escaping @Sendable () async -> Void) async throws -> HTTPHost {
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(
            services: ([app] + services).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let runTask = Task {
            defer { boundContinuation.finish() }
            try await withGracefulShutdownHandler {
                try await serviceGroup.run()
            } onGracefulShutdown: {
                onShutdown()
            }
            await drain()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            try await runTask.value
            throw ServeError("the server stopped before listening on \(host):\(port)")
        }
        let hostText = host.contains(":") ? "[\(host)]" : host
        return HTTPHost(baseURL: "http://\(hostText):\(boundPort)", port: boundPort, serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Begins the graceful shutdown (`onShutdown`, then `drain`) and waits for its end.
    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await runTask.value
    }

    /// Waits until the host ends.
    func waitUntilStopped() async throws {
        try await runTask.value
    }
}
