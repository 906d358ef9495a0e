import Foundation
import FunnelCore

/// An in-process fake of the HubSpot CRM API parts funnel reads (crm-apis.md §1 and §4): deals list
/// (`limit` ≤ 100, `after` cursor, `properties`, no `paging` on the last page), deal batch read,
/// v4 deal→contact association batch read (207 + `NO_ASSOCIATIONS_FOUND`), contact batch read
/// (≤ 100 inputs, else 400 `VALIDATION_ERROR`), deal pipelines, Bearer auth (401
/// `INVALID_AUTHENTICATION`), rate-limit headers and injectable 429s (`TEN_SECONDLY_ROLLING`, `DAILY`).
/// Tests mutate its data (move a deal) and count its requests.
public actor FakeHubSpot {
    public struct Deal: Sendable, Hashable {
        public var id: String
        public var properties: [String: String]
        public var contactIDs: [String]
        /// The contact whose association carries HubSpot's `Primary` label, if any.
        public var primaryContactID: String?
        public init(id: String, properties: [String: String], contactIDs: [String] = [], primaryContactID: String? = nil) {
            self.id = id; self.properties = properties; self.contactIDs = contactIDs; self.primaryContactID = primaryContactID
        }
    }

    public struct Contact: Sendable, Hashable {
        public var id: String
        public var properties: [String: String]
        public init(id: String, properties: [String: String]) { self.id = id; self.properties = properties }
    }

    public struct Stage: Sendable, Hashable {
        public var id: String, label: String, displayOrder: Int, isClosed: Bool, probability: Double
        public init(id: String, label: String, displayOrder: Int, isClosed: Bool = false, probability: Double) {
            self.id = id; self.label = label; self.displayOrder = displayOrder; self.isClosed = isClosed; self.probability = probability
        }
    }

    public struct Pipeline: Sendable, Hashable {
        public var id: String, label: String, displayOrder: Int, stages: [Stage]
        public init(id: String, label: String, displayOrder: Int, stages: [Stage]) {
            self.id = id; self.label = label; self.displayOrder = displayOrder; self.stages = stages
        }

        /// HubSpot's default "Sales Pipeline" (id `default`) with its seven stages.
        public static let sales = Pipeline(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: [
            Stage(id: "appointmentscheduled", label: "Appointment Scheduled", displayOrder: 0, probability: 0.2),
            Stage(id: "qualifiedtobuy", label: "Qualified To Buy", displayOrder: 1, probability: 0.4),
            Stage(id: "presentationscheduled", label: "Presentation Scheduled", displayOrder: 2, probability: 0.6),
            Stage(id: "decisionmakerboughtin", label: "Decision Maker Bought-In", displayOrder: 3, probability: 0.8),
            Stage(id: "contractsent", label: "Contract Sent", displayOrder: 4, probability: 0.9),
            Stage(id: "closedwon", label: "Closed Won", displayOrder: 5, isClosed: true, probability: 1.0),
            Stage(id: "closedlost", label: "Closed Lost", displayOrder: 6, isClosed: true, probability: 0.0),
        ])
    }

    /// A 429 to answer instead of the next request(s).
    public enum RateLimit: Sendable, Hashable {
        case tenSecondly(intervalMilliseconds: Int)
        case daily
    }

    public let token: String
    public private(set) var deals: [Deal]
    private var contacts: [String: Contact]
    private var pipelines: [Pipeline]
    private var requests: [FakeRequest] = []
    private var pendingRateLimits: [RateLimit] = []
    /// When true, each association read lists a deal's contacts rotated one further (HubSpot
    /// promises no order).
    public private(set) var rotatesAssociations = false
    private var associationReads = 0

    public init(token: String = "hubspot-test-token", deals: [Deal] = [], contacts: [Contact] = [], pipelines: [Pipeline] = [.sales]) {
        self.token = token
        self.deals = deals
        self.contacts = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.pipelines = pipelines
    }

    // MARK: Test controls

    /// Adds or replaces a deal (by id).
    public func upsert(_ deal: Deal) {
        if let index = deals.firstIndex(where: { $0.id == deal.id }) { deals[index] = deal } else { deals.append(deal) }
    }

    public func upsert(_ contact: Contact) { contacts[contact.id] = contact }

    public func removeDeal(_ id: String) { deals.removeAll { $0.id == id } }

    /// Makes every association read list each deal's contacts in another order.
    public func rotateAssociations(_ rotate: Bool = true) { rotatesAssociations = rotate }

    /// Replaces the pipelines, as an admin editing stages in HubSpot's settings would.
    public func replacePipelines(_ pipelines: [Pipeline]) { self.pipelines = pipelines }

    /// Moves a deal to another stage, as a user dragging it in HubSpot would (closed flags follow the stage).
    public func moveDeal(_ id: String, toStage stage: String) {
        guard let index = deals.firstIndex(where: { $0.id == id }) else { return }
        deals[index].properties["dealstage"] = stage
        let pipeline = pipelines.first { $0.id == deals[index].properties["pipeline"] } ?? pipelines.first
        if let found = pipeline?.stages.first(where: { $0.id == stage }) {
            deals[index].properties["hs_is_closed_won"] = String(found.isClosed && found.probability >= 1)
            deals[index].properties["hs_is_closed_lost"] = String(found.isClosed && found.probability < 1)
        }
        deals[index].properties["hs_lastmodifieddate"] = ISO8601DateFormatter().string(from: Date())
    }

    /// Answers the next requests with these 429s, one each, before serving normally again.
    public func rateLimitNext(_ limits: [RateLimit]) { pendingRateLimits += limits }

    /// How many requests were received (whose path starts with `prefix`, when given), 429s and 401s included.
    public func requestCount(_ prefix: String? = nil) -> Int {
        prefix.map { prefix in requests.filter { $0.path.hasPrefix(prefix) }.count } ?? requests.count
    }

    /// The requests received so far, in order (method, path, query, body), to check what was read.
    public func receivedRequests() -> [FakeRequest] { requests }

    /// Runs the fake on `127.0.0.1:0` while `body` runs; `body` gets the base URL.
    public nonisolated func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run({ request in await self.handle(request) }, body)
    }

    // MARK: Serving

    func handle(_ request: FakeRequest) -> FakeResponse {
        requests.append(request)
        var response = route(request)
        response.headers["X-HubSpot-RateLimit-Max"] = "190"
        response.headers["X-HubSpot-RateLimit-Remaining"] = "189"
        response.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = response.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] ?? "10000"
        return response
    }

    private func route(_ request: FakeRequest) -> FakeResponse {
        guard request.header("Authorization") == "Bearer \(token)" else {
            return .json(error(category: "INVALID_AUTHENTICATION", message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"), status: 401)
        }
        if !pendingRateLimits.isEmpty {
            let limit = pendingRateLimits.removeFirst()
            switch limit {
            case .tenSecondly(let interval):
                return .json(.object(["status": .string("error"), "message": .string("You have reached your ten_secondly_rolling limit."), "errorType": .string("RATE_LIMIT"),
                                      "correlationId": .string(UUID().uuidString.lowercased()), "policyName": .string("TEN_SECONDLY_ROLLING"),
                                      "requestId": .string(UUID().uuidString.lowercased())]),
                             status: 429, headers: ["X-HubSpot-RateLimit-Interval-Milliseconds": "\(interval)", "X-HubSpot-RateLimit-Remaining": "0"])
            case .daily:
                return .json(.object(["status": .string("error"), "message": .string("You have reached your daily limit."), "errorType": .string("RATE_LIMIT"),
                                      "correlationId": .string(UUID().uuidString.lowercased()), "policyName": .string("DAILY")]), status: 429)
            }
        }
        switch (request.method, request.path) {
        case ("GET", "/crm/v3/objects/deals"), ("GET", "/crm/v3/objects/0-3"): return listDeals(request)
        case ("POST", "/crm/v3/objects/deals/batch/read"), ("POST", "/crm/v3/objects/0-3/batch/read"): return batchReadDeals(request)
        case ("POST", "/crm/v4/associations/deals/contacts/batch/read"): return batchReadAssociations(request)
        case ("POST", "/crm/v3/objects/contacts/batch/read"), ("POST", "/crm/v3/objects/0-1/batch/read"): return batchReadContacts(request)
        case ("GET", "/crm/v3/pipelines/deals"): return .json(.object(["results": .array(pipelines.map(Self.json))]))
        default:
            return .json(error(category: "OBJECT_NOT_FOUND", message: "Unable to route \(request.method) \(request.path)"), status: 404)
        }
    }

    private func listDeals(_ request: FakeRequest) -> FakeResponse {
        let limit = min(max(Int(request.query["limit"] ?? "") ?? 10, 1), 100)
        let start = request.query["after"].flatMap { Int($0) } ?? 0
        let wanted = request.query["properties"].map { $0.split(separator: ",").map(String.init) }
        let page = deals.dropFirst(start).prefix(limit)
        var body: [String: JSONValue] = ["results": .array(page.map { dealJSON($0, properties: wanted) })]
        if start + limit < deals.count {
            let after = String(start + limit)
            body["paging"] = .object(["next": .object(["after": .string(after), "link": .string("?after=\(after)")])])
        }
        return .json(.object(body))
    }

    private func batchReadDeals(_ request: FakeRequest) -> FakeResponse {
        let ids = inputIDs(request)
        guard ids.count <= 100 else { return tooManyInputs(100) }
        let wanted = request.json?[path: "properties"].map { value -> [String] in
            if case .array(let items) = value { return items.map(\.stringValue) } else { return [] }
        }
        let found = ids.compactMap { id in deals.first { $0.id == id } }
        return batchResponse(results: found.map { dealJSON($0, properties: wanted) },
                             missing: ids.filter { id in !deals.contains { $0.id == id } }, category: "OBJECT_NOT_FOUND")
    }

    private func batchReadAssociations(_ request: FakeRequest) -> FakeResponse {
        let ids = inputIDs(request)
        guard ids.count <= 1000 else { return tooManyInputs(1000) }
        var results: [JSONValue] = []
        var missing: [String] = []
        associationReads += 1
        for id in ids {
            guard let deal = deals.first(where: { $0.id == id }), !deal.contactIDs.isEmpty else { missing.append(id); continue }
            var contactIDs = deal.contactIDs
            if rotatesAssociations {
                let shift = associationReads % contactIDs.count
                contactIDs = Array(contactIDs[shift...] + contactIDs[..<shift])
            }
            results.append(.object([
                "from": .object(["id": .string(id)]),
                "to": .array(contactIDs.map { contact in
                    var types: [JSONValue] = [.object(["category": .string("HUBSPOT_DEFINED"), "typeId": .number(3), "label": .null])]
                    if contact == deal.primaryContactID {
                        types.append(.object(["category": .string("HUBSPOT_DEFINED"), "typeId": .number(4), "label": .string("Primary")]))
                    }
                    return .object(["toObjectId": .number(Double(contact) ?? 0), "associationTypes": .array(types)])
                }),
            ]))
        }
        return batchResponse(results: results, missing: missing, category: "NO_ASSOCIATIONS_FOUND")
    }

    private func batchReadContacts(_ request: FakeRequest) -> FakeResponse {
        let ids = inputIDs(request)
        guard ids.count <= 100 else { return tooManyInputs(100) }
        var wanted = ["firstname", "lastname", "email"]
        if case .array(let items)? = request.json?[path: "properties"] { wanted = items.map(\.stringValue) }
        let found = ids.compactMap { contacts[$0] }
        let results: [JSONValue] = found.map { contact in
            var properties: [String: JSONValue] = [:]
            for name in wanted { properties[name] = contact.properties[name].map(JSONValue.string) ?? .null }
            properties["hs_object_id"] = .string(contact.id)
            return .object(["id": .string(contact.id), "properties": .object(properties), "archived": .bool(false),
                            "createdAt": .string("2024-01-01T00:00:00.000Z"), "updatedAt": .string("2024-01-01T00:00:00.000Z")])
        }
        return batchResponse(results: results, missing: ids.filter { contacts[$0] == nil }, category: "OBJECT_NOT_FOUND")
    }

    // MARK: JSON

    private func dealJSON(_ deal: Deal, properties wanted: [String]?) -> JSONValue {
        let names = wanted ?? ["dealname", "amount", "closedate", "pipeline", "dealstage"]
        var properties: [String: JSONValue] = [:]
        for name in names { properties[name] = deal.properties[name].map(JSONValue.string) ?? .null }
        for name in ["createdate", "hs_lastmodifieddate"] { properties[name] = deal.properties[name].map(JSONValue.string) ?? .string("2024-01-01T00:00:00.000Z") }
        properties["hs_object_id"] = .string(deal.id)
        return .object(["id": .string(deal.id), "properties": .object(properties), "archived": .bool(false),
                        "createdAt": .string("2024-01-01T00:00:00.000Z"), "updatedAt": .string("2024-01-01T00:00:00.000Z")])
    }

    private static func json(_ pipeline: Pipeline) -> JSONValue {
        .object(["id": .string(pipeline.id), "label": .string(pipeline.label), "displayOrder": .number(Double(pipeline.displayOrder)),
                 "archived": .bool(false), "createdAt": .string("1970-01-01T00:00:00Z"), "updatedAt": .string("2019-12-07T16:50:06.678Z"),
                 "stages": .array(pipeline.stages.map { stage in
                     .object(["id": .string(stage.id), "label": .string(stage.label), "displayOrder": .number(Double(stage.displayOrder)),
                              "metadata": .object(["isClosed": .string(String(stage.isClosed)), "probability": .string(String(stage.probability))]),
                              "archived": .bool(false), "createdAt": .string("1970-01-01T00:00:00Z"), "updatedAt": .string("2019-12-07T16:50:06.678Z")])
                 })])
    }

    private func inputIDs(_ request: FakeRequest) -> [String] {
        guard case .array(let inputs)? = request.json?[path: "inputs"] else { return [] }
        return inputs.compactMap { $0[path: "id"]?.stringValue }
    }

    private func batchResponse(results: [JSONValue], missing: [String], category: String) -> FakeResponse {
        var body: [String: JSONValue] = ["status": .string("COMPLETE"), "results": .array(results),
                                         "startedAt": .string("2024-01-01T00:00:00.000Z"), "completedAt": .string("2024-01-01T00:00:00.100Z")]
        guard !missing.isEmpty else { return .json(.object(body)) }
        body["numErrors"] = .number(Double(missing.count))
        body["errors"] = .array(missing.map { id in
            .object(["status": .string("error"), "category": .string(category), "message": .string("No \(category == "NO_ASSOCIATIONS_FOUND" ? "associations" : "object") found for \(id)"),
                     "context": .object(["ids": .array([.string(id)]), "fromObjectId": .array([.string(id)])])])
        })
        return .json(.object(body), status: 207)
    }

    private func tooManyInputs(_ limit: Int) -> FakeResponse {
        .json(error(category: "VALIDATION_ERROR", message: "The maximum number of inputs supported in a batch request is \(limit)"), status: 400)
    }

    private func error(category: String, message: String) -> JSONValue {
        .object(["status": .string("error"), "message": .string(message), "correlationId": .string(UUID().uuidString.lowercased()), "category": .string(category)])
    }
}
