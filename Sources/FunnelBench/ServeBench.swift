import ArgumentParser
import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelKit
import FunnelServe
import FunnelTestSupport
import Logging
import NIOCore
import NIOHTTP1
import WixEmulator

/// `funnel-bench serve`: webhooks at a fixed rate into a real `ServeServer`, each moving one deal of
/// a fake CRM to its next stage; the time from sending the webhook to the card showing in its new
/// phase in the sandbox, and the Wix and CRM calls each webhook costs (issue #8).
struct ServeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Webhook → card moved: latency at a fixed webhook rate, and API calls per webhook.")

    enum CRMName: String, ExpressibleByArgument, CaseIterable { case hubspot, pipedrive }

    @Option(help: "Webhooks per second.") var rate = 10
    @Option(help: "Seconds to send webhooks for.") var duration = 30
    @Option(help: "Deals in the CRM (cards in the sandbox); webhooks go round them.") var leads = 300
    @Option(help: "The fake CRM: hubspot (v3 signatures) or pipedrive (Basic auth).") var crm = CRMName.hubspot
    @Option(help: "Coalescing: flush after this many ms without a webhook (funnel serve: 200).") var quietMs = 200
    @Option(help: "Coalescing: flush at most this many ms after the first webhook (funnel serve: 2000).") var maxWaitMs = 2_000
    @Option(help: "Sandbox latency per request, ms.") var latency = 0

    func validate() throws {
        guard rate >= 1, duration >= 1, leads >= 1 else { throw ValidationError("--rate, --duration and --leads must be at least 1") }
        guard quietMs >= 0, maxWaitMs >= 0, latency >= 0 else { throw ValidationError("--quiet-ms, --max-wait-ms and --latency must be at least 0") }
    }

    static let publicURL = "https://hooks.example.com"
    static let settings = WebhookSettings(hubSpotSecret: Secret("bench-client-secret"),
                                          pipedrive: BasicAuthVerifier(user: Secret("funnel"), password: Secret("bench-pass")),
                                          publicURL: publicURL)

    func run() async throws {
        switch crm {
        case .hubspot:
            let fake = CRMFunnel.hubSpot(deals: leads)
            try await fake.run { base in
                try await measure(.hubSpot, base: base, stages: CRMFunnel.hubSpotOpenStages,
                                  move: { index, stage in await fake.moveDeal(CRMFunnel.hubSpotDealID(index), toStage: stage) },
                                  crmRequests: { await fake.requestCount() })
            }
        case .pipedrive:
            let fake = CRMFunnel.pipedrive(deals: leads)
            try await fake.run { base in
                try await measure(.pipedrive, base: base, stages: CRMFunnel.pipedriveStages.map { (String($0.0), $0.1) },
                                  move: { index, stage in await fake.moveDeal(index + 1, toStage: Int(stage)!) },
                                  crmRequests: { await fake.requestCount() })
            }
        }
    }

    private func measure(_ kind: CRMFunnel.CRM, base: String, stages: [(String, String)],
                         move: @escaping @Sendable (Int, String) async -> Void,
                         crmRequests: @escaping @Sendable () async -> Int) async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(Int64(latency)))) { sandbox in
            let funnel = CRMFunnel(kind, crmBaseURL: base, sandbox: sandbox)
            let metrics = ServeMetrics()
            let reconciler = FunnelReconciler(configuration: funnel.configuration, dependencies: try funnel.dependencies(),
                                              lockTimeout: .seconds(30))
            let runner = ReconcileRunner(reconciler: reconciler, metrics: metrics)
            let seeded = await runner.run(.all)
            guard seeded.succeeded else { throw ValidationError("seeding the sandbox failed: \(seeded.line)") }
            print("seeded \(leads) deals from \(crm.rawValue): \(seeded.line)")

            var logger = Logger(label: "funnel.bench")
            logger.logLevel = .warning
            let server = try await ServeServer.start(
                .init(port: 0, coalescing: .init(quiet: .milliseconds(quietMs), maximumWait: .milliseconds(maxWaitMs))),
                webhooks: Self.settings, runner: runner, metrics: metrics, logger: logger)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            await sandbox.resetStats()
            let crmBefore = await crmRequests()
            let cyclesBefore = await runner.health.cycles
            let tracker = MoveTracker()
            let clock = ContinuousClock()
            // The board is read inside the sandbox process: polling costs no API call and is not counted.
            let polling = Task {
                while !Task.isCancelled {
                    let board = await funnel.board()
                    await tracker.observe(board, seenAt: clock.now)
                    try? await Task.sleep(for: .milliseconds(5))
                }
            }

            let total = rate * duration
            let leads = self.leads, rate = self.rate
            let start = clock.now
            let notAccepted = try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 0..<total {
                    try await clock.sleep(until: start + .seconds(Double(number) / Double(rate)))
                    // Deal `index` starts in stage `index % count`; each pass moves it one stage on.
                    let index = number % leads
                    let stage = stages[(index + number / leads + 1) % stages.count]
                    await move(index, stage.0)
                    let hook = Self.webhook(kind, index: index)
                    await tracker.expect("Deal \(index)", phase: stage.1, sentAt: clock.now)
                    group.addTask { try await Self.post(http, server.baseURL + hook.path, body: hook.body, headers: hook.headers) }
                }
                var refused = 0
                for try await status in group where status != 202 { refused += 1 }
                return refused
            }
            let sending = clock.now - start
            let deadline = clock.now + .seconds(60)
            while await tracker.pendingCount > 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            polling.cancel()
            let stats = try await sandbox.stats()
            let crmCalls = await crmRequests() - crmBefore
            let cycles = await runner.health.cycles - cyclesBefore
            try await http.shutdown()
            await server.stop()

            print("\(total) webhooks (\(crm.rawValue)) at \(rate)/s, sent over \(Self.seconds(sending)); \(leads) deals; "
                  + "coalescing quiet \(quietMs) ms, max wait \(maxWaitMs) ms; sandbox latency \(latency) ms")
            if let summary = await tracker.summary() {
                let samples = await tracker.latencies.count
                print("webhook sent → card in its new phase: median \(Self.ms(summary.median)), p95 \(Self.ms(summary.p95)), "
                      + "p99 \(Self.ms(summary.p99)), max \(Self.ms(summary.max)) (\(samples) moves seen, "
                      + "\(await tracker.pendingCount) never seen, \(await tracker.superseded) superseded, \(notAccepted) not accepted)")
            }
            let perWebhook = { (calls: Int) in String(format: "%.2f", Double(calls) / Double(total)) }
            print("\(cycles) webhook cycles (\(String(format: "%.1f", Double(total) / Double(max(cycles, 1)))) webhooks each); "
                  + "\(stats.count(.moveCard)) cards moved")
            print("Wix API calls: \(stats.totalRequests) = \(perWebhook(stats.totalRequests)) per webhook "
                  + "(\(String(format: "%.1f", Double(stats.totalRequests) / Double(max(cycles, 1)))) per cycle); "
                  + "CRM API calls: \(crmCalls) = \(perWebhook(crmCalls)) per webhook")
            print("Wix calls by operation: " + stats.operations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }

    /// The webhook a CRM sends when deal `index` moves: HubSpot signed (v3), Pipedrive with Basic auth.
    static func webhook(_ kind: CRMFunnel.CRM, index: Int) -> (path: String, body: String, headers: [(String, String)]) {
        switch kind {
        case .hubSpot:
            let body = #"[{"eventId":\#(index),"subscriptionId":1,"portalId":62515,"appId":54321,"occurredAt":\#(Int64(Date().timeIntervalSince1970 * 1000)),"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":\#(CRMFunnel.hubSpotDealID(index)),"propertyName":"dealstage","changeSource":"CRM_UI"}]"#
            let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
            let signature = HubSpotSignatureVerifier.sign(secret: Secret("bench-client-secret"), method: "POST",
                                                          uri: publicURL + "/hooks/hubspot", body: Array(body.utf8), timestamp: timestamp)
            return ("/hooks/hubspot", body, [("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp)])
        case .pipedrive:
            let body = #"{"meta":{"action":"change","entity":"deal","entity_id":"\#(index + 1)","version":"2.0","attempt":1},"data":{"id":\#(index + 1)},"previous":{}}"#
            return ("/hooks/pipedrive", body, [("Authorization", BasicAuthVerifier.header(user: "funnel", password: "bench-pass"))])
        }
    }

    static func post(_ client: HTTPClient, _ url: String, body: String, headers: [(String, String)]) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    static func ms(_ duration: Duration) -> String {
        String(format: "%.0f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
