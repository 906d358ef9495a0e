import Foundation
import FunnelCore

/// An in-process fake of the Pipedrive API v2 parts funnel reads (crm-apis.md §2 and §4): deals
/// (`limit` ≤ 500, opaque `cursor`, `additional_data.next_cursor` null at the end, `status`,
/// `pipeline_id`, `ids`), persons in bulk (`ids` ≤ 100, `emails`/`phones` arrays), stages and
/// pipelines (`order_nr`), `x-api-token` auth (401 envelope) and injectable 429s with the
/// `x-ratelimit-*` headers. Tests mutate its data (move a deal, win it) and count its requests.
public actor FakePipedrive {
    public struct Deal: Sendable, Hashable {
        public var id: Int, title: String, stageID: Int, pipelineID: Int, status: String, personID: Int?, value: Double
        public init(id: Int, title: String, stageID: Int, pipelineID: Int = 1, status: String = "open", personID: Int?, value: Double = 0) {
            self.id = id; self.title = title; self.stageID = stageID; self.pipelineID = pipelineID
            self.status = status; self.personID = personID; self.value = value
        }
    }

    public struct Person: Sendable, Hashable {
        public var id: Int, firstName: String, lastName: String, emails: [String], phones: [String]
        public init(id: Int, firstName: String, lastName: String, emails: [String] = [], phones: [String] = []) {
            self.id = id; self.firstName = firstName; self.lastName = lastName; self.emails = emails; self.phones = phones
        }
    }

    public struct Stage: Sendable, Hashable {
        public var id: Int, name: String, orderNr: Int, pipelineID: Int
        public init(id: Int, name: String, orderNr: Int, pipelineID: Int = 1) {
            self.id = id; self.name = name; self.orderNr = orderNr; self.pipelineID = pipelineID
        }
    }

    public struct Pipeline: Sendable, Hashable {
        public var id: Int, name: String, orderNr: Int
        public init(id: Int, name: String, orderNr: Int) { self.id = id; self.name = name; self.orderNr = orderNr }
    }

    public static let defaultPipelines = [Pipeline(id: 1, name: "Sales", orderNr: 0)]
    public static let defaultStages = [
        Stage(id: 1, name: "Qualified", orderNr: 1), Stage(id: 2, name: "Contact Made", orderNr: 2),
        Stage(id: 3, name: "Proposal Made", orderNr: 3), Stage(id: 4, name: "Negotiations Started", orderNr: 4),
    ]

    public let token: String
    public private(set) var deals: [Deal]
    private var persons: [Int: Person]
    private var stages: [Stage]
    private var pipelines: [Pipeline]
    private var requests: [FakeRequest] = []
    private var pendingRateLimits: [Int] = []
    /// When set, every deals page and persons answer lists its items rotated by one more place than
    /// the last (the API promises no order inside a persons answer; a sort may tie).
    private var rotation: Int?

    public init(token: String = "pipedrive-test-token", deals: [Deal] = [], persons: [Person] = [],
                stages: [Stage] = FakePipedrive.defaultStages, pipelines: [Pipeline] = FakePipedrive.defaultPipelines) {
        self.token = token; self.deals = deals; self.stages = stages; self.pipelines = pipelines
        self.persons = Dictionary(persons.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    // MARK: Test controls

    public func upsert(_ deal: Deal) {
        if let index = deals.firstIndex(where: { $0.id == deal.id }) { deals[index] = deal } else { deals.append(deal) }
    }

    public func upsert(_ person: Person) { persons[person.id] = person }

    public func removeDeal(_ id: Int) { deals.removeAll { $0.id == id } }

    /// Replaces the stages, as an admin editing the pipeline in Pipedrive would.
    public func replaceStages(_ stages: [Stage]) { self.stages = stages }

    /// Moves a deal to another stage of its pipeline.
    public func moveDeal(_ id: Int, toStage stage: Int) {
        if let index = deals.firstIndex(where: { $0.id == id }) { deals[index].stageID = stage }
    }

    /// Sets a deal's status: `open`, `won`, `lost`.
    public func setStatus(_ id: Int, _ status: String) {
        if let index = deals.firstIndex(where: { $0.id == id }) { deals[index].status = status }
    }

    /// From now on, answers list deals and persons in a different order each time.
    public func rotateOrder() { rotation = 0 }

    private func rotated<T>(_ items: [T]) -> [T] {
        guard let shift = rotation, !items.isEmpty else { return items }
        rotation = shift + 1
        let start = shift % items.count
        return Array(items[start...] + items[..<start])
    }

    /// Answers the next requests with 429s whose `x-ratelimit-reset` is these seconds, one each.
    public func rateLimitNext(resetSeconds: [Int]) { pendingRateLimits += resetSeconds }

    /// How many requests were received (whose path starts with `prefix`, when given).
    public func requestCount(_ prefix: String? = nil) -> Int {
        prefix.map { prefix in requests.filter { $0.path.hasPrefix(prefix) }.count } ?? requests.count
    }

    /// The requests received so far, in order (method, path, query, body), to check what was read.
    public func receivedRequests() -> [FakeRequest] { requests }

    public nonisolated func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run({ request in await self.handle(request) }, body)
    }

    // MARK: Serving

    func handle(_ request: FakeRequest) -> FakeResponse {
        requests.append(request)
        let limitHeaders = ["x-ratelimit-limit": "80", "x-ratelimit-remaining": pendingRateLimits.isEmpty ? "79" : "0", "x-ratelimit-reset": "2"]
        guard request.header("x-api-token") == token || request.query["api_token"] == token else {
            return .json(.object(["success": .bool(false), "error": .string("unauthorized access"), "errorCode": .number(401),
                                  "error_info": .string("Please check developers.pipedrive.com")]), status: 401, headers: limitHeaders)
        }
        if !pendingRateLimits.isEmpty {
            let reset = pendingRateLimits.removeFirst()
            var headers = limitHeaders
            headers["x-ratelimit-reset"] = String(reset)
            return .json(.object(["success": .bool(false), "error": .string("Request over limit"), "errorCode": .number(429),
                                  "data": .null, "additional_data": .null]), status: 429, headers: headers)
        }
        var response: FakeResponse
        switch (request.method, request.path) {
        case ("GET", "/api/v2/deals"): response = listDeals(request)
        case ("GET", "/api/v2/persons"): response = listPersons(request)
        case ("GET", "/api/v2/stages"):
            let pipeline = request.query["pipeline_id"].flatMap(Int.init)
            let items = stages.filter { pipeline == nil || $0.pipelineID == pipeline }.sorted { $0.orderNr < $1.orderNr }
            response = envelope(items.map(Self.json), nextCursor: nil)
        case ("GET", "/api/v2/pipelines"):
            response = envelope(pipelines.map { .object(["id": .number(Double($0.id)), "name": .string($0.name), "order_nr": .number(Double($0.orderNr)),
                                                         "is_deleted": .bool(false), "is_deal_probability_enabled": .bool(true)]) }, nextCursor: nil)
        default:
            response = .json(.object(["success": .bool(false), "error": .string("Unknown method ."), "errorCode": .number(404)]), status: 404)
        }
        response.headers.merge(limitHeaders) { current, _ in current }
        return response
    }

    private func listDeals(_ request: FakeRequest) -> FakeResponse {
        let limit = min(max(Int(request.query["limit"] ?? "") ?? 100, 1), 500)
        let start = request.query["cursor"].flatMap(Self.offset(fromCursor:)) ?? 0
        let statuses = Set((request.query["status"] ?? "open,won,lost").split(separator: ",").map(String.init))
        let pipeline = request.query["pipeline_id"].flatMap(Int.init)
        let ids = request.query["ids"].map { Set($0.split(separator: ",").compactMap { Int($0) }) }
        let matching = deals.sorted { $0.id < $1.id }.filter { deal in
            statuses.contains(deal.status) && (pipeline == nil || deal.pipelineID == pipeline) && (ids?.contains(deal.id) ?? true)
        }
        let page = rotated(Array(matching.dropFirst(start).prefix(limit)))
        let next = start + limit < matching.count ? Self.cursor(forOffset: start + limit) : nil
        return envelope(page.map(Self.json), nextCursor: next)
    }

    private func listPersons(_ request: FakeRequest) -> FakeResponse {
        let ids = (request.query["ids"] ?? "").split(separator: ",").compactMap { Int($0) }
        guard ids.count <= 100 else {
            return .json(.object(["success": .bool(false), "error": .string("ids: at most 100 ids"), "errorCode": .number(400)]), status: 400)
        }
        return envelope(rotated(ids.compactMap { persons[$0] }).map(Self.json), nextCursor: nil)
    }

    private func envelope(_ data: [JSONValue], nextCursor: String?) -> FakeResponse {
        .json(.object(["success": .bool(true), "data": .array(data),
                       "additional_data": .object(["next_cursor": nextCursor.map(JSONValue.string) ?? .null])]))
    }

    /// Opaque-looking cursors with characters that must be escaped in a query.
    static func cursor(forOffset offset: Int) -> String { Data("offset:\(offset)".utf8).base64EncodedString() }
    static func offset(fromCursor cursor: String) -> Int? {
        Data(base64Encoded: cursor).flatMap { String(data: $0, encoding: .utf8) }.flatMap { Int($0.dropFirst("offset:".count)) }
    }

    private static func json(_ deal: Deal) -> JSONValue {
        .object(["id": .number(Double(deal.id)), "title": .string(deal.title), "stage_id": .number(Double(deal.stageID)),
                 "pipeline_id": .number(Double(deal.pipelineID)), "status": .string(deal.status),
                 "person_id": deal.personID.map { .number(Double($0)) } ?? .null, "org_id": .null, "owner_id": .number(1),
                 "value": .number(deal.value), "currency": .string("EUR"), "add_time": .string("2024-01-01T00:00:00Z"),
                 "update_time": .string("2024-01-02T00:00:00Z"), "is_deleted": .bool(false), "custom_fields": .object([:])])
    }

    private static func json(_ person: Person) -> JSONValue {
        func entries(_ values: [String]) -> JSONValue {
            .array(values.enumerated().map { .object(["value": .string($1), "primary": .bool($0 == 0), "label": .string("work")]) })
        }
        return .object(["id": .number(Double(person.id)), "name": .string("\(person.firstName) \(person.lastName)"),
                        "first_name": .string(person.firstName), "last_name": .string(person.lastName),
                        "emails": entries(person.emails), "phones": entries(person.phones), "owner_id": .number(1),
                        "org_id": .null, "is_deleted": .bool(false), "visible_to": .number(7), "label_ids": .array([]), "custom_fields": .object([:])])
    }

    private static func json(_ stage: Stage) -> JSONValue {
        .object(["id": .number(Double(stage.id)), "name": .string(stage.name), "order_nr": .number(Double(stage.orderNr)),
                 "pipeline_id": .number(Double(stage.pipelineID)), "is_deleted": .bool(false), "deal_probability": .number(100)])
    }
}
