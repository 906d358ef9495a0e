public import FunnelCore
public import WixEmulator

/// A running sandbox for one test: where it listens and the credentials of its default site.
public struct EmulatorHandle: Sendable {
    /// The default site tests act on (send it as `wix-site-id`).
    public static let defaultSiteId = EmulatorDefaults.siteId
    /// The API key tests send as `Authorization` (the sandbox accepts any non-empty key by default).
    public static let defaultAPIKey = Secret(EmulatorDefaults.apiKey)

    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// The site id to send as `wix-site-id`.
    public let siteId: String
    /// The API key to send as `Authorization`.
    public let apiKey: Secret
    /// The server itself, for anything the helpers below do not cover.
    public let server: EmulatorServer

    /// The request counters so far.
    public func stats() async throws -> EmulatorStats {
        await server.stats()
    }

    /// Zeroes the request counters (to count only the calls made after setup).
    public func resetStats() async {
        await server.resetStats()
    }

    /// The same sandbox acting on another site (each site has its own workflows, contacts and rate limit).
    public func site(_ id: String) -> EmulatorHandle {
        EmulatorHandle(baseURL: baseURL, siteId: id, apiKey: apiKey, server: server)
    }

    /// Clears the default site (workflows, contacts, rate-limit window).
    public func reset() async throws {
        try await server.reset(site: siteId)
    }
}

/// Runs `body` against a fresh sandbox on `127.0.0.1` (a free port), then stops it, even when `body` throws.
///
/// ```swift
/// try await withEmulator { sandbox in
///     let client = WixClient(baseURL: sandbox.baseURL, siteId: sandbox.siteId, apiKey: sandbox.apiKey)
///     …
///     #expect(try await sandbox.stats().count(.createCard) == 3)
/// }
/// ```
public func withEmulator<T: Sendable>(
    _ options: EmulatorOptions = .init(),
    _ body: (EmulatorHandle) async throws -> T
) async throws -> T {
    let server = try await EmulatorServer.start(host: "127.0.0.1", port: 0, options: options)
    let handle = EmulatorHandle(baseURL: server.baseURL, siteId: EmulatorHandle.defaultSiteId,
                                apiKey: EmulatorHandle.defaultAPIKey, server: server)
    do {
        let result = try await body(handle)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
