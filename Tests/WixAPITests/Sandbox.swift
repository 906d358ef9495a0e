import FunnelCore
import FunnelTestSupport
import Logging
import WixAPI
import WixEmulator

/// Runs `body` with a client pointed at a fresh sandbox (the real emulator over HTTP on 127.0.0.1).
func withSandboxClient<T: Sendable>(
    _ options: EmulatorOptions = .init(),
    logger: Logger = Logger(label: "test.wix"),
    configure: (inout WixClientConfiguration) -> Void = { _ in },
    _ body: (WixClient, EmulatorHandle) async throws -> T
) async throws -> T {
    try await withEmulator(options) { sandbox in
        var configuration = WixClientConfiguration.sandbox(
            baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId)
        configuration.baseBackoff = .milliseconds(5)
        configuration.maxBackoff = .milliseconds(50)
        configure(&configuration)
        return try await body(WixClient(configuration: configuration, logger: logger), sandbox)
    }
}

/// Expects `body` to throw a `WixError` and returns it.
func expectWixError(_ body: () async throws -> Void) async -> WixError? {
    do {
        try await body()
    } catch let error as WixError {
        return error
    } catch {
        return nil
    }
    return nil
}

extension WixClient {
    /// A contact with a unique email, for tests that need a card's contact.
    func makeContact(_ name: String) async throws -> Contact {
        try await createContact(ContactInfo(first: name, last: "Test", email: "\(name.lowercased())@example.com"))
    }
}
