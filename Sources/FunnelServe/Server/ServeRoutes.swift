import Foundation
import Hummingbird
import Logging

/// The routes of `funnel serve`: the three webhook receivers, `/healthz` and `/metrics`.
struct ServeRoutes: Sendable {
    let settings: WebhookSettings
    let runner: ReconcileRunner
    let coalescer: KeyCoalescer
    let metrics: ServeMetrics
    let logger: Logger
    let now: @Sendable () -> Date

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        for provider in WebhookProvider.allCases {
            router.post(RouterPath(provider.path)) { request, context in
                try await self.receive(provider, request: request, context: context)
            }
        }
        router.get("/healthz") { _, _ in
            let document = HealthDocument(await self.runner.health)
            return Self.response(.ok, contentType: "application/json", ByteBuffer(bytes: document.encoded()))
        }
        router.get("/metrics") { _, _ in
            Self.response(.ok, contentType: "text/plain; version=0.0.4", ByteBuffer(string: self.metrics.render()))
        }
        return router
    }

    private func receive(_ provider: WebhookProvider, request: Request, context: BasicRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.maximumBodySize)
        } catch {
            metrics.recordWebhook(provider: provider.rawValue, verdict: "invalid")
            return Self.json(.contentTooLarge, ["error": "body larger than \(settings.maximumBodySize) bytes"])
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let incoming = WebhookProvider.Incoming(
            method: request.method.rawValue, pathAndQuery: request.uri.description, host: request.head.authority ?? headers["host"],
            headers: headers, body: Array(buffer.readableBytesView))
        guard let verdict = provider.verify(incoming, settings: settings, now: now()) else {
            metrics.recordWebhook(provider: provider.rawValue, verdict: "disabled")
            return Self.json(.serviceUnavailable, ["error": "\(provider.rawValue) webhooks are not enabled: \(provider.requirement(settings))"])
        }
        if case .rejected(let reason) = verdict {
            // Never the payload, the signature or the credentials: only why.
            logger.warning("webhook rejected", metadata: ["provider": "\(provider.rawValue)", "reason": "\(reason)"])
            metrics.recordWebhook(provider: provider.rawValue, verdict: "rejected")
            return Self.json(.unauthorized, ["error": "invalid signature or credentials"])
        }
        let keys: [String]
        do {
            keys = try provider.keys(incoming.body)
        } catch {
            metrics.recordWebhook(provider: provider.rawValue, verdict: "invalid")
            return Self.json(.badRequest, ["error": String(describing: error)])
        }
        metrics.recordWebhook(provider: provider.rawValue, verdict: "accepted")
        logger.debug("webhook accepted", metadata: ["provider": "\(provider.rawValue)", "records": "\(keys.count)"])
        await coalescer.submit(keys)
        return Self.json(.accepted, ["records": keys.count])
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: any Sendable]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return response(status, contentType: "application/json", ByteBuffer(bytes: data))
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, _ body: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }
}
