import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The Wix sandbox: Workflows v1 and Contacts v4 served over HTTP by Hummingbird.
///
/// ```swift
/// let server = try await EmulatorServer.start(options: .init())
/// // point a client at server.baseURL …
/// await server.stop()
/// ```
public final class EmulatorServer: Sendable {
    /// `http://HOST:PORT` of the running server, with the port actually bound.
    public let baseURL: String
    /// The bound port.
    public let port: Int
    /// The options the server runs with.
    public var options: EmulatorOptions { core.options }

    private let core: EmulatorCore
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(baseURL: String, port: Int, core: EmulatorCore, serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.core = core
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Starts a server on `host:port` (`port: 0` picks a free port) and returns once it accepts connections.
    /// With `options.dataPath`, the sites in that file are loaded first (an absent file is an empty sandbox).
    public static func start(host: String = "127.0.0.1", port: Int = 0, options: EmulatorOptions) async throws -> EmulatorServer {
        let core = try EmulatorCore(options: options)
        let logger = options.logger ?? Logger(label: "funnel.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: core.makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: options.stopOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let runTask = Task {
            defer { boundContinuation.finish() }
            try await serviceGroup.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            await core.store.close()
            try await runTask.value
            throw EmulatorStartError(reason: "the server stopped before listening on \(host):\(port)")
        }
        let hostText = host.contains(":") ? "[\(host)]" : host
        return EmulatorServer(baseURL: "http://\(hostText):\(boundPort)", port: boundPort, core: core,
                              serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits for the server to end.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await runTask.value
        await core.store.close()
    }

    /// Waits until the server ends (after `stop()`, or a SIGINT/SIGTERM when `options.stopOnSignals`).
    public func waitUntilStopped() async throws {
        do {
            try await runTask.value
        } catch {
            await core.store.close()
            throw error
        }
        await core.store.close()
    }

    /// The request counters (the same document `GET /_sandbox/stats` answers).
    public func stats() async -> EmulatorStats {
        await core.snapshot()
    }

    /// Zeroes the request counters.
    public func resetStats() async {
        await core.resetStats()
    }

    /// Clears one site's workflows, contacts and rate-limit window; `nil` clears every site and the counters.
    public func reset(site: String?) async throws {
        do {
            try await core.reset(site: site)
        } catch {
            throw SandboxDataError(path: core.options.dataPath ?? "", reason: "could not save the reset")
        }
    }

    /// The board of one site, or of every site holding data when `site` is nil.
    public func boards(site: String? = nil) async -> [EmulatorBoard] {
        await core.boards(site: site)
    }
}

/// The server could not start.
public struct EmulatorStartError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public let reason: String
    public var description: String { reason }
}
