import AsyncHTTPClient
import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelRender
import FunnelSources
import HTTPTransport
import Logging
import WixAPI
import WixEmulator
import FunnelState

/// The composition root: real Wix or the in-process sandbox, the source adapter, logging.
/// `wix.sandbox: PATH` starts the emulator on 127.0.0.1:0 over the data at PATH and points the
/// ordinary client at it, so the quick start exercises the same HTTP path as a real site.
enum LiveDependencies {
    static let sandboxSite = "sandbox-site"
    static let sandboxKey = Secret("sandbox-key")

    /// Dependencies that stay open until `close()`: a fleet holds one per funnel for its whole run.
    struct Opened: Sendable {
        let dependencies: FunnelDependencies
        let sandbox: EmulatorServer?

        func close() async { await sandbox?.stop() }
    }

    /// The HTTP client of every Wix and CRM call in this process: a failed connection reaches the
    /// retry loops at once (`failFast`), so a person sees each retry and an unknown host fails in
    /// seconds. Never shut down: like `HTTPClient.shared`, it lives as long as the process.
    static let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .failFast)

    /// Opens the dependencies (with this command's PostgreSQL pools), runs `body`, closes them.
    static func with<T: Sendable>(_ configuration: FunnelConfiguration, log: LogOptions = LogOptions(),
                                  _ body: (FunnelDependencies) async throws -> T) async throws -> T {
        let pools = PostgresPools()
        let opened: Opened
        do {
            opened = try await open(configuration, logger: logger(verbose: log.verbose), quiet: log.quiet, statePools: pools)
        } catch {
            await pools.close()
            throw error
        }
        do {
            let result = try await body(opened.dependencies)
            await opened.close()
            await pools.close()
            return result
        } catch let error as WixError where error.firstContact {
            await opened.close()
            await pools.close()
            throw FunnelError(PersonalData.maskText(error.description) + "\n"
                              + FirstContactChecklist.text(for: error, configuration: configuration))
        } catch {
            await opened.close()
            await pools.close()
            throw error
        }
    }

    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "funnel")
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// - Parameters:
    ///   - quiet: no warning line for each retried Wix or CRM request.
    ///   - statePools: the process's PostgreSQL pools, shared by every state store the dependencies
    ///     open (the caller closes them).
    static func open(_ configuration: FunnelConfiguration, logger: Logger, quiet: Bool = false,
                     statePools: PostgresPools) async throws -> Opened {
        var sandbox: EmulatorServer?
        let clientConfiguration: WixClientConfiguration
        switch configuration.wix.target {
        case .sandbox(let dataPath):
            let server = try await EmulatorServer.start(port: 0, options: EmulatorOptions(dataPath: dataPath))
            sandbox = server
            var sandboxConfiguration = WixClientConfiguration.sandbox(baseURL: server.baseURL, apiKey: sandboxKey,
                                                                      siteId: sandboxSite)
            sandboxConfiguration.requestsPerMinute = configuration.wix.requestsPerMinute
            clientConfiguration = sandboxConfiguration
        case .site(let siteId, let credentials):
            let auth: WixAuth = switch credentials {
            case .apiKey(let key): .apiKey(key, siteId: siteId)
            case .oauth(let appId, let secret, let instance): .oauth(appId: appId, appSecret: secret, instanceId: instance, siteId: siteId)
            }
            clientConfiguration = WixClientConfiguration(
                endpoint: configuration.wix.endpoint ?? WixClientConfiguration.wixHost, auth: auth,
                requestsPerMinute: configuration.wix.requestsPerMinute ?? WixClientConfiguration.wixRequestsPerMinute)
        }
        var retries: RetryObserver?
        if !quiet { retries = { (notice: RetryNotice) in Terminal.warn(notice.description) } }
        let client = WixClient(configuration: clientConfiguration, httpClient: httpClient, logger: logger,
                               retryObserver: retries)
        let source = SourceFactory.make(configuration.source, usedFields: configuration.usedFields, httpClient: httpClient, logger: logger,
                                        retryObserver: retries)
        return Opened(dependencies: FunnelDependencies(client: client, source: source, logger: logger, statePools: statePools),
                      sandbox: sandbox)
    }
}
