import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Logging
import Testing
import WixEmulator
@testable import FunnelServe

/// Issue #8: real HubSpot- and Pipedrive-shaped webhooks into a real `ServeServer`, with the fake CRM
/// and the sandbox each over HTTP on 127.0.0.1.
@Suite("funnel serve: CRM webhooks end to end")
struct CRMWebhookEndToEndTests {
    static let publicURL = "https://hooks.example.com"
    static let settings = WebhookSettings(hubSpotSecret: Secret("hs-client-secret"),
                                          pipedrive: BasicAuthVerifier(user: Secret("funnel"), password: Secret("pd-hook-pass")),
                                          publicURL: publicURL)

    /// What one webhook cost, read from the fake CRM's and the sandbox's own logs.
    struct Traffic {
        var crm: [FakeRequest]
        var wix: EmulatorStats
        var outcome: CycleOutcome?
    }

    /// Mirrors the CRM into the sandbox (a whole-funnel cycle), then serves webhooks; `body` sends
    /// them. Returns what the CRM and the sandbox saw after that first cycle.
    static func serve(_ funnel: CRMFunnel, crmLog: @escaping @Sendable () async -> [FakeRequest],
                      _ body: (ServeServer, HTTPClient) async throws -> Void) async throws -> Traffic {
        let metrics = ServeMetrics()
        let reconciler = FunnelReconciler(configuration: funnel.configuration, dependencies: try funnel.dependencies(),
                                          lockTimeout: .seconds(5))
        let runner = ReconcileRunner(reconciler: reconciler, metrics: metrics)
        let first = await runner.run(.all)
        #expect(first.succeeded, "\(first.line)")
        let crmBefore = await crmLog().count
        await funnel.sandbox.resetStats()
        try await ServeServerTests.withServer(runner: runner, metrics: metrics, settings: settings) { server, client in
            try await body(server, client)
            await server.coalescer.drain()
            await runner.waitForIdle()
        }
        var outcome: CycleOutcome?
        if let last = await runner.health.lastCycle, case .finished(let finished) = last.result, last.number > first.number {
            outcome = finished
        }
        return Traffic(crm: Array(await crmLog().dropFirst(crmBefore)), wix: try await funnel.sandbox.stats(), outcome: outcome)
    }

    /// Sends a webhook and, when it is accepted, lets the coalescer flush at once and the cycle finish.
    static func send(_ server: ServeServer, _ client: HTTPClient, _ provider: String, body: String,
                     headers: [(String, String)]) async throws -> Int {
        let status = try await ServeServerTests.post(client, server.baseURL + "/hooks/" + provider, body: body, headers: headers).0
        await server.coalescer.drain()
        await server.runner.waitForIdle()
        return status
    }

    /// Sends a forged webhook: 401, and neither the CRM nor Wix hears of it.
    static func expectRejected(_ server: ServeServer, _ client: HTTPClient, _ provider: String, body: String,
                               headers: [(String, String)], funnel: CRMFunnel,
                               crmCount: @Sendable () async -> Int) async throws {
        let board = await funnel.board(), crmBefore = await crmCount()
        #expect(try await send(server, client, provider, body: body, headers: headers) == 401)
        #expect(await crmCount() == crmBefore)
        #expect(try await funnel.sandbox.stats().totalRequests == 0)
        #expect(await funnel.board() == board)
    }

    /// Wix: one move, no other write, a handful of reads; the cycle counted the same calls.
    static func expectOneMove(_ traffic: Traffic) {
        #expect(traffic.wix.count(.moveCard) == 1)
        #expect(traffic.wix.totalRequests == traffic.outcome?.apiCalls)
        #expect(traffic.wix.totalRequests <= 8, "\(traffic.wix.operations)")
        #expect(traffic.outcome?.stepsApplied == ["move_card": 1])
    }

    static func hubSpotHeaders(_ body: String, secret: String) -> [(String, String)] {
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        let signature = HubSpotSignatureVerifier.sign(secret: Secret(secret), method: "POST", uri: publicURL + "/hooks/hubspot",
                                                      body: Array(body.utf8), timestamp: timestamp)
        return [("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp)]
    }

    @Test("HubSpot: a v3-signed webhook moves exactly that deal's card, reading only that deal; a bad signature gets 401 and reads nothing")
    func hubSpot() async throws {
        let hubspot = CRMFunnel.hubSpot(deals: 6)
        try await hubspot.run { base in
            try await withEmulator { sandbox in
                let funnel = CRMFunnel(.hubSpot, crmBaseURL: base, sandbox: sandbox)
                let deal = CRMFunnel.hubSpotDealID(1)
                let body = #"[{"eventId":7,"subscriptionId":1,"portalId":62515,"appId":54321,"occurredAt":1564113600000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":\#(deal),"propertyName":"dealstage","propertyValue":"contractsent","changeSource":"CRM_UI"}]"#
                var boardBefore: [String: String] = [:]
                let traffic = try await Self.serve(funnel, crmLog: { await hubspot.receivedRequests() }) { server, client in
                    boardBefore = await funnel.board()
                    #expect(boardBefore["Deal 1"] == "Qualified To Buy")
                    await hubspot.moveDeal(deal, toStage: "contractsent")
                    try await Self.expectRejected(server, client, "hubspot", body: body,
                                                  headers: Self.hubSpotHeaders(body, secret: "not-the-secret"), funnel: funnel,
                                                  crmCount: { await hubspot.requestCount() })
                    let signed = try await Self.send(server, client, "hubspot", body: body,
                                                     headers: Self.hubSpotHeaders(body, secret: "hs-client-secret"))
                    #expect(signed == 202)
                }
                var expected = boardBefore
                expected["Deal 1"] = "Contract Sent"
                #expect(await funnel.board() == expected)

                // The CRM: one batch read of that deal, its association and its contact; never the deal list.
                let paths = traffic.crm.map { "\($0.method) \($0.path)" }
                #expect(!paths.contains("GET /crm/v3/objects/deals"), "\(paths)")
                let reads = traffic.crm.filter { $0.method == "POST" }
                #expect(reads.map(\.path) == ["/crm/v3/objects/deals/batch/read", "/crm/v4/associations/deals/contacts/batch/read",
                                              "/crm/v3/objects/contacts/batch/read"])
                #expect(reads.map(CRMFunnel.batchInputIDs) == [[deal], [deal], ["5001"]])
                #expect(traffic.crm.count <= 5, "\(paths)")

                Self.expectOneMove(traffic)
            }
        }
    }

    @Test("Pipedrive: a Basic-auth webhook (v2) moves exactly that deal's card, reading only that deal; wrong credentials get 401 and read nothing")
    func pipedrive() async throws {
        let pipedrive = CRMFunnel.pipedrive(deals: 6)
        try await pipedrive.run { base in
            try await withEmulator { sandbox in
                let funnel = CRMFunnel(.pipedrive, crmBaseURL: base, sandbox: sandbox)
                let body = #"{"meta":{"action":"change","entity":"deal","entity_id":"2","version":"2.0","attempt":1},"data":{"id":2,"title":"Deal 1","stage_id":4,"pipeline_id":1,"status":"open"},"previous":{"stage_id":2}}"#
                var boardBefore: [String: String] = [:]
                let traffic = try await Self.serve(funnel, crmLog: { await pipedrive.receivedRequests() }) { server, client in
                    boardBefore = await funnel.board()
                    #expect(boardBefore["Deal 1"] == "Contact Made")
                    await pipedrive.moveDeal(2, toStage: 4)
                    try await Self.expectRejected(server, client, "pipedrive", body: body, headers: [
                        ("Authorization", BasicAuthVerifier.header(user: "funnel", password: "guess"))], funnel: funnel,
                                                  crmCount: { await pipedrive.requestCount() })
                    let signed = try await Self.send(server, client, "pipedrive", body: body, headers: [
                        ("Authorization", BasicAuthVerifier.header(user: "funnel", password: "pd-hook-pass"))])
                    #expect(signed == 202)
                }
                var expected = boardBefore
                expected["Deal 1"] = "Negotiations Started"
                #expect(await funnel.board() == expected)

                // The CRM: deals only by `ids=2`, persons only by `ids=1001`; never a page of the pipeline's deals.
                let deals = traffic.crm.filter { $0.path == "/api/v2/deals" }
                #expect(deals.count == 1)
                #expect(deals.allSatisfy { $0.query["ids"] == "2" }, "\(deals.map(\.query))")
                let persons = traffic.crm.filter { $0.path == "/api/v2/persons" }
                #expect(persons.map { $0.query["ids"] } == ["1001"])
                #expect(traffic.crm.count <= 6, "\(traffic.crm.map(\.path))")
                Self.expectOneMove(traffic)
            }
        }
    }
}
