import Foundation
public import FunnelCore

/// An in-process JSON API serving records at `GET /leads`, paged the way `type: http` sources
/// expect: a next link in the body (`next`, relative), an RFC 8288 `Link` header, a cursor
/// (`next_cursor` → `?cursor=`), or `offset`/`limit`. Records sit under `data`. An optional
/// required header stands in for an API key (401 otherwise). Faults can be injected per page.
public actor FakeJSONAPI {
    public enum Paging: Sendable, Hashable { case none, nextLink, linkHeader, cursor, offset }

    /// What a page answers instead of its records.
    public enum Fault: Sendable, Hashable {
        case status(Int, body: String)
        /// 429 with `Retry-After: seconds`.
        case rateLimited(retryAfterSeconds: Int)
        case invalidJSON
    }

    public private(set) var records: [JSONValue]
    public let paging: Paging
    public let pageSize: Int
    public let requiredHeader: (name: String, value: String)?
    private var faults: [Int: [Fault]] = [:]
    private var requests = 0

    public init(records: [JSONValue], paging: Paging, pageSize: Int = 2, requiredHeader: (name: String, value: String)? = nil) {
        self.records = records; self.paging = paging; self.pageSize = pageSize; self.requiredHeader = requiredHeader
    }

    /// Page `page` (1-based) answers these faults, one per request, then serves normally.
    public func fail(page: Int, with faults: [Fault]) { self.faults[page, default: []] += faults }

    public func replaceRecords(_ records: [JSONValue]) { self.records = records }

    public func requestCount() -> Int { requests }

    public nonisolated func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run({ request in await self.handle(request) }, body)
    }

    func handle(_ request: FakeRequest) -> FakeResponse {
        requests += 1
        if let requiredHeader, request.header(requiredHeader.name) != requiredHeader.value {
            return .json(.object(["error": .string("invalid API key")]), status: 401)
        }
        guard request.method == "GET", request.path == "/leads" else {
            return .json(.object(["error": .string("not found")]), status: 404)
        }
        let pageSize = paging == .none ? max(records.count, 1) : self.pageSize
        let start: Int
        switch paging {
        case .none: start = 0
        case .nextLink, .linkHeader: start = ((request.query["page"].flatMap { Int($0) } ?? 1) - 1) * pageSize
        case .cursor: start = request.query["cursor"].flatMap { Int($0.dropFirst("c".count)) } ?? 0
        case .offset: start = request.query["offset"].flatMap { Int($0) } ?? 0
        }
        let limit = paging == .offset ? (request.query["limit"].flatMap { Int($0) } ?? pageSize) : pageSize
        let page = start / max(limit, 1) + 1
        if var pending = faults[page], !pending.isEmpty {
            let fault = pending.removeFirst()
            faults[page] = pending
            switch fault {
            case .status(let code, let body): return FakeResponse(status: code, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
            case .rateLimited(let seconds):
                return .json(.object(["error": .string("slow down")]), status: 429, headers: ["Retry-After": String(seconds)])
            case .invalidJSON: return FakeResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array("{\"data\": [".utf8))
            }
        }
        let items = Array(records.dropFirst(start).prefix(limit))
        let hasMore = start + limit < records.count
        var body: [String: JSONValue] = ["data": .array(items)]
        var headers: [String: String] = [:]
        switch paging {
        case .none, .offset: break
        case .nextLink: body["next"] = hasMore ? .string("/leads?page=\(page + 1)") : .null
        case .linkHeader: if hasMore { headers["Link"] = "</leads?page=\(page + 1)>; rel=\"next\", </leads?page=1>; rel=\"first\"" }
        case .cursor: body["next_cursor"] = hasMore ? .string("c\(start + limit)") : .null
        }
        return .json(.object(body), headers: headers)
    }
}
