import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelKit
import Logging
import NIOCore
import NIOHTTP1
import Testing
@testable import FunnelServe

@Suite("funnel serve: HTTP endpoints")
struct ServeServerTests {
    static let settings = WebhookSettings.fromEnvironment(
        ["HUBSPOT_CLIENT_SECRET": "hs-secret", "PIPEDRIVE_WEBHOOK_USER": "funnel", "PIPEDRIVE_WEBHOOK_PASSWORD": "pd-pass",
         "FUNNEL_WEBHOOK_SECRET": "generic-secret"],
        publicURL: "https://hooks.example.com")

    static func withServer(_ reconciler: RecordingReconciler, schedule: CycleSchedule? = nil,
                           _ body: (ServeServer, HTTPClient) async throws -> Void) async throws {
        let metrics = ServeMetrics()
        try await withServer(runner: ReconcileRunner(reconciler: reconciler, metrics: metrics), metrics: metrics,
                             settings: settings, schedule: schedule, body)
    }

    /// A server on 127.0.0.1:0 with slow coalescing windows (tests flush with `coalescer.drain()`)
    /// and a client for it, both stopped after `body`, even when it throws.
    static func withServer(runner: ReconcileRunner, metrics: ServeMetrics, settings: WebhookSettings, schedule: CycleSchedule? = nil,
                           _ body: (ServeServer, HTTPClient) async throws -> Void) async throws {
        let server = try await ServeServer.start(
            .init(host: "127.0.0.1", port: 0, schedule: schedule, coalescing: .init(quiet: .seconds(1), maximumWait: .seconds(20))),
            webhooks: settings, runner: runner, metrics: metrics, logger: Logger(label: "test"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(server, client)
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    static func post(_ client: HTTPClient, _ url: String, body: String, headers: [(String, String)]) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), text)
    }

    static func get(_ client: HTTPClient, _ url: String) async throws -> (Int, String) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test("signed webhooks of all three kinds are accepted (202) and reconciled as one coalesced batch")
    func acceptsSigned() async throws {
        let reconciler = RecordingReconciler()
        try await Self.withServer(reconciler) { server, client in
            let hubspotBody = #"[{"subscriptionType":"deal.propertyChange","objectId":123,"propertyName":"dealstage"}]"#
            let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
            let signature = HubSpotSignatureVerifier.sign(secret: Secret("hs-secret"), method: "POST",
                                                          uri: "https://hooks.example.com/hooks/hubspot", body: Array(hubspotBody.utf8),
                                                          timestamp: timestamp)
            let hubspot = try await Self.post(client, server.baseURL + "/hooks/hubspot", body: hubspotBody,
                                              headers: [("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp)])
            #expect(hubspot.0 == 202)
            let pipedriveBody = #"{"meta":{"action":"change","entity":"deal","entity_id":"8"},"data":{"id":8}}"#
            let pipedrive = try await Self.post(client, server.baseURL + "/hooks/pipedrive", body: pipedriveBody,
                                                headers: [("Authorization", BasicAuthVerifier.header(user: "funnel", password: "pd-pass"))])
            #expect(pipedrive.0 == 202)
            let genericBody = #"{"keys":["L-001","123"]}"#
            let generic = try await Self.post(client, server.baseURL + "/hooks/generic", body: genericBody, headers: [
                ("X-Funnel-Signature", BodySignatureVerifier.header(secret: Secret("generic-secret"), body: Array(genericBody.utf8)))])
            #expect(generic.0 == 202)
            await server.coalescer.drain()
            #expect(reconciler.calls == [.records(["123", "8", "L-001"])])
        }
    }

    @Test("a bad signature, wrong credentials or a stale timestamp get 401 and reconcile nothing")
    func rejectsUnsigned() async throws {
        let reconciler = RecordingReconciler()
        try await Self.withServer(reconciler) { server, client in
            let body = #"[{"subscriptionType":"deal.propertyChange","objectId":123}]"#
            let old = String(Int64(Date().timeIntervalSince1970 * 1000) - 400_000)
            let stale = HubSpotSignatureVerifier.sign(secret: Secret("hs-secret"), method: "POST",
                                                      uri: "https://hooks.example.com/hooks/hubspot", body: Array(body.utf8), timestamp: old)
            #expect(try await Self.post(client, server.baseURL + "/hooks/hubspot", body: body,
                                        headers: [("X-HubSpot-Signature-v3", stale), ("X-HubSpot-Request-Timestamp", old)]).0 == 401)
            #expect(try await Self.post(client, server.baseURL + "/hooks/pipedrive", body: "{}",
                                        headers: [("Authorization", BasicAuthVerifier.header(user: "funnel", password: "nope"))]).0 == 401)
            let generic = try await Self.post(client, server.baseURL + "/hooks/generic", body: #"{"keys":["L-001"]}"#,
                                              headers: [("X-Funnel-Signature", "sha256=" + String(repeating: "0", count: 64))])
            #expect(generic.0 == 401)
            #expect(!generic.1.contains("L-001"))
            try await Task.sleep(for: .milliseconds(150))
            await server.coalescer.drain()
            #expect(reconciler.calls.isEmpty)
            let metrics = try await Self.get(client, server.baseURL + "/metrics").1
            #expect(metrics.contains(#"funnel_webhooks_total{provider="hubspot",verdict="rejected"} 1"#))
        }
    }

    @Test("healthz reports the last cycle and last success; metrics count cycles, steps by action and API calls")
    func healthAndMetrics() async throws {
        let reconciler = RecordingReconciler()
        try await Self.withServer(reconciler, schedule: CycleSchedule(interval: .seconds(30))) { server, client in
            var health = (0, "")
            for _ in 0..<100 {
                health = try await Self.get(client, server.baseURL + "/healthz")
                if health.1.contains(#""status":"ok""#) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(health.0 == 200)
            #expect(health.1.contains(#""status":"ok""#))
            #expect(health.1.contains(#""last_success":"20"#))
            #expect(health.1.contains(#""outcome":"applied""#))
            let (status, metrics) = try await Self.get(client, server.baseURL + "/metrics")
            #expect(status == 200)
            #expect(metrics.contains(#"funnel_cycles_total{trigger="interval",outcome="applied"} 1"#))
            #expect(metrics.contains(#"funnel_steps_applied_total{action="move_card"} 1"#))
            #expect(metrics.contains("funnel_api_calls_total 3"))
            #expect(metrics.contains("funnel_last_success_timestamp_seconds "))
            #expect(reconciler.calls == [.all])
        }
    }

    @Test("a receiver whose secret is not set answers 503 naming the variable")
    func disabledReceiver() async throws {
        let metrics = ServeMetrics()
        let runner = ReconcileRunner(reconciler: RecordingReconciler(), metrics: metrics)
        let server = try await ServeServer.start(.init(port: 0), webhooks: WebhookSettings.fromEnvironment([:], publicURL: nil),
                                                 runner: runner, metrics: metrics, logger: Logger(label: "test"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let (status, body) = try await Self.post(client, server.baseURL + "/hooks/generic", body: "{}", headers: [])
        try await client.shutdown()
        await server.stop()
        #expect(status == 503)
        #expect(body.contains("FUNNEL_WEBHOOK_SECRET"))
    }
}
