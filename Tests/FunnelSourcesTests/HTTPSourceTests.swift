import FunnelConfig
import FunnelCore
import FunnelSources
import FunnelTestSupport
import AsyncHTTPClient
import HTTPTransport
import Synchronization
import Testing

@Suite("http source")
struct HTTPSourceTests {
    static let records: [JSONValue] = (1...5).map { .object(["id": .string("\($0)"), "name": .string("Lead \($0)")]) }

    func read(_ api: FakeJSONAPI, _ pagination: HTTPSource.Pagination, headers: [String: Secret] = [:], maxPages: Int = 1000,
              recordsPointer: String? = "/data") async throws -> (records: [SourceRecord], error: (any Error)?) {
        try await api.run { base in
            let spec = SourceSpec(key: "id", kind: .http(HTTPSource(url: base + "/leads?view=all", headers: headers, recordsPointer: recordsPointer,
                                                                    pagination: pagination, timeoutSeconds: 5, maxPages: maxPages)))
            return await collect(SourceFactory.make(spec, retry: .fast, logger: TestConfig.logger))
        }
    }

    @Test("every pagination style reads every record once", arguments: [
        (FakeJSONAPI.Paging.nextLink, HTTPSource.Pagination.nextLink(pointer: "/next")),
        (.linkHeader, .linkHeader),
        (.cursor, .cursor(pointer: "/next_cursor", parameter: "cursor")),
        (.offset, .offset(offsetParameter: "offset", limitParameter: "limit", limit: 2)),
        (.none, .none),
    ])
    func paging(style: FakeJSONAPI.Paging, pagination: HTTPSource.Pagination) async throws {
        let api = FakeJSONAPI(records: Self.records, paging: style, pageSize: 2)
        let (records, error) = try await read(api, pagination)
        #expect(error == nil)
        #expect(records.compactMap(\.key) == ["1", "2", "3", "4", "5"])
        #expect(await api.requestCount() == (style == .none ? 1 : 3))
    }

    @Test("headers carry the API key; a 401 is an error that never shows it")
    func authentication() async throws {
        let api = FakeJSONAPI(records: Self.records, paging: .nextLink, requiredHeader: ("X-Api-Key", "s3cr3t-key-value"))
        let good = try await read(api, .nextLink(pointer: "/next"), headers: ["X-Api-Key": Secret("s3cr3t-key-value")])
        #expect(good.records.count == 5)
        let (_, error) = try await read(api, .nextLink(pointer: "/next"), headers: ["X-Api-Key": Secret("wrong-key-value")])
        let description = "\(try #require(error as? SourceError))"
        #expect(description.contains("GET http://127.0.0.1:"))
        #expect(description.contains("/leads page 1: HTTP 401 Unauthorized: invalid API key"))
        #expect(!description.contains("wrong-key-value") && !description.contains("view=all"))
    }

    @Test("429 and 5xx are retried with backoff; a bad page names its number")
    func retriesAndBadPages() async throws {
        let api = FakeJSONAPI(records: Self.records, paging: .nextLink)
        await api.fail(page: 2, with: [.rateLimited(retryAfterSeconds: 0), .status(503, body: "{\"error\": \"maintenance\"}")])
        let (records, error) = try await read(api, .nextLink(pointer: "/next"))
        #expect(error == nil)
        #expect(records.count == 5)
        #expect(await api.requestCount() == 5)

        let broken = FakeJSONAPI(records: Self.records, paging: .nextLink)
        await broken.fail(page: 3, with: [.invalidJSON])
        let (partial, invalid) = try await read(broken, .nextLink(pointer: "/next"))
        #expect(partial.count == 4)
        #expect("\(try #require(invalid as? SourceError))".contains("/leads page 3: the response is not valid JSON"))

        let down = FakeJSONAPI(records: Self.records, paging: .nextLink)
        await down.fail(page: 1, with: Array(repeating: .status(500, body: "<html>oops</html>"), count: 10))
        let (_, failed) = try await read(down, .nextLink(pointer: "/next"))
        #expect("\(try #require(failed as? SourceError))".contains("page 1: HTTP 500 Internal Server Error after 4 attempts: (an HTML page instead of JSON)"))
    }

    @Test("max_pages is a safety net that fails instead of truncating")
    func maxPages() async throws {
        let api = FakeJSONAPI(records: Self.records, paging: .nextLink)
        let (records, error) = try await read(api, .nextLink(pointer: "/next"), maxPages: 2)
        #expect(records.count == 4)
        #expect((error as? SourceError)?.message.contains("more than max_pages (2) pages") == true)
    }

    @Test("a records pointer that does not lead to an array names the page")
    func wrongPointer() async throws {
        let api = FakeJSONAPI(records: Self.records, paging: .none)
        let (_, error) = try await read(api, .none, recordsPointer: "/items")
        #expect("\(try #require(error as? SourceError))".contains("/leads page 1: no value at the records pointer \"/items\""))
    }
}

@Suite("http source retries")
struct HTTPSourceRetryTests {
    @Test("an unknown host gets one retry, told to the observer; the error names DNS")
    func unknownHost() async throws {
        let notices = NoticeList()
        let spec = SourceSpec(key: "id", kind: .http(HTTPSource(url: "https://crm.nonexistent.invalid/leads", timeoutSeconds: 5)))
        let http = HTTPClient(configuration: .failFast)
        let (_, error) = await collect(SourceFactory.make(spec, httpClient: http, retry: .fast, logger: TestConfig.logger,
                                                          retryObserver: notices.observer))
        try await http.shutdown()
        let message = "\(String(describing: error))"
        #expect(message.contains("request failed: DNS: "), "\(message)")
        #expect(message.contains("after 2 attempts"), "\(message)")
        #expect(notices.all.map(\.attempt) == [2])
        #expect(notices.all.first?.host == "crm.nonexistent.invalid")
    }

    @Test("a 503 is retried with a notice before each retry")
    func serverErrors() async throws {
        let api = FakeJSONAPI(records: HTTPSourceTests.records, paging: .none)
        await api.fail(page: 1, with: Array(repeating: .status(503, body: "{\"error\": \"maintenance\"}"), count: 2))
        let notices = NoticeList()
        let records = try await api.run { base in
            let spec = SourceSpec(key: "id", kind: .http(HTTPSource(url: base + "/leads", recordsPointer: "/data", timeoutSeconds: 5)))
            return await collect(SourceFactory.make(spec, retry: .fast, logger: TestConfig.logger, retryObserver: notices.observer))
        }
        #expect(records.error == nil)
        #expect(records.records.count == 5)
        #expect(notices.all.map(\.attempt) == [2, 3])
        #expect(notices.all.allSatisfy { $0.reason == .status(503) && $0.maxAttempts == 4 })
    }
}

/// Collects the notices a source hands its observer.
final class NoticeList: Sendable {
    private let list = Mutex<[RetryNotice]>([])
    var all: [RetryNotice] { list.withLock { $0 } }
    var observer: RetryObserver { { notice in self.list.withLock { $0.append(notice) } } }
}
