import AsyncHTTPClient
import FunnelCore
import FunnelTestSupport
import HTTPTransport
import Synchronization
import Testing
import WixAPI

/// Which failures the client retries and how it tells its observer, with the HTTP client
/// configuration the CLI uses (`.failFast`: a failed connection reaches the retry loop at once).
@Suite("Fail fast where waiting cannot help; report every retry")
struct FailFastTests {
    /// Collects the notices a client hands its observer.
    final class Notices: Sendable {
        private let list = Mutex<[RetryNotice]>([])
        var all: [RetryNotice] { list.withLock { $0 } }
        var observer: RetryObserver { { notice in self.list.withLock { $0.append(notice) } } }
    }

    static func client(endpoint: String, notices: Notices, http: HTTPClient, maxAttempts: Int = 6) -> WixClient {
        var configuration = WixClientConfiguration.sandbox(
            baseURL: endpoint, apiKey: EmulatorHandle.defaultAPIKey, siteId: EmulatorHandle.defaultSiteId)
        configuration.maxAttempts = maxAttempts
        configuration.baseBackoff = .milliseconds(1)
        return WixClient(configuration: configuration, httpClient: http, retryObserver: notices.observer)
    }

    @Test("an unknown host gets one retry, told to the observer, and a first-contact DNS error")
    func unknownHost() async throws {
        let http = HTTPClient(configuration: .failFast)
        let notices = Notices()
        let wix = Self.client(endpoint: "https://nonexistent.invalid", notices: notices, http: http)
        let error = await expectWixError { _ = try await wix.workflows().collect() }
        try await http.shutdown()
        #expect(error?.network?.kind == .dns, "\(String(describing: error))")
        #expect(error?.attempts == 2)
        #expect(error?.firstContact == true)
        #expect(error?.description.contains("no response: DNS: ") == true, "\(String(describing: error))")
        #expect(notices.all.map(\.attempt) == [2])
        #expect(notices.all.first?.maxAttempts == 2)
        #expect(notices.all.first?.description.hasPrefix("nonexistent.invalid unreachable (DNS: ") == true)
    }

    @Test("a refused connection keeps the full policy: a notice before each retry")
    func refused() async throws {
        let reserved = try ReservedPort()
        defer { reserved.release() }
        let http = HTTPClient(configuration: .failFast)
        let notices = Notices()
        let wix = Self.client(endpoint: "http://127.0.0.1:\(reserved.port)", notices: notices, http: http, maxAttempts: 4)
        let error = await expectWixError { _ = try await wix.createWorkflow(name: "X") }
        try await http.shutdown()
        #expect(error?.network?.kind == .refused, "\(String(describing: error))")
        #expect(error?.attempts == 4)
        #expect(error?.outcomeUnknown == false)
        #expect(notices.all.map(\.attempt) == [2, 3, 4])
        #expect(notices.all.allSatisfy { $0.maxAttempts == 4 && $0.host == "127.0.0.1:\(reserved.port)" })
    }

    @Test("a failure after a call has succeeded is not a first contact; 404 is not retried")
    func firstContact() async throws {
        try await withEmulator { sandbox in
            let notices = Notices()
            let wix = Self.client(endpoint: sandbox.baseURL, notices: notices, http: .shared)
            let first = await expectWixError { _ = try await wix.getWorkflow(id: "missing") }
            #expect(first?.status == 404)
            #expect(first?.firstContact == true)
            _ = try await wix.workflows().collect()
            let later = await expectWixError { _ = try await wix.getWorkflow(id: "missing") }
            #expect(later?.firstContact == false)
            #expect(notices.all.isEmpty)
        }
    }

    @Test("retry notices read as a person would say them", arguments: [
        (RetryNotice.Reason.unreachable(TransportFailure(kind: .dns, detail: "name or service not known", sent: false)),
         Duration.seconds(3), "www.wixapis.com unreachable (DNS: name or service not known); retry 2 of 6 in 3 s"),
        (.status(503), .milliseconds(250), "www.wixapis.com answered 503; retry 2 of 6 in 0.3 s"),
        (.status(429), .milliseconds(1600), "www.wixapis.com is rate limiting (429); retry 2 of 6 in 2 s"),
    ])
    func wording(reason: RetryNotice.Reason, delay: Duration, expected: String) {
        let notice = RetryNotice(host: "www.wixapis.com", reason: reason, attempt: 2, maxAttempts: 6, delay: delay)
        #expect(notice.description == expected)
    }
}
