import Foundation
import Hummingbird
import Logging

/// The routes of `funnel serve`: the three webhook receivers, `/healthz` and `/metrics`. One funnel
/// serves `/hooks/PROVIDER`; a fleet (`--funnels DIR`) serves `/funnels/NAME/hooks/PROVIDER` and
/// `/status`. Verification is the same; where accepted keys go is the `deliver` closure.
struct ServeRoutes: Sendable {
    /// Where a webhook's keys go. `funnel` is the `NAME` path segment (fleet mode) or nil.
    enum Delivery: Sendable {
        /// Keys delivered.
        case accepted
        /// No funnel of that name (404).
        case unknownFunnel
    }

    let settings: WebhookSettings
    let logger: Logger
    let now: @Sendable () -> Date
    /// The metrics a webhook for `funnel` is counted in (nil: no such funnel).
    let webhookMetrics: @Sendable (_ funnel: String?) -> ServeMetrics?
    let health: @Sendable () async -> Data
    let renderMetrics: @Sendable () -> String
    let deliver: @Sendable (_ funnel: String?, _ keys: [String]) async throws -> Delivery
    /// Fleet mode: routes per funnel name, and `/status`.
    var status: (@Sendable () async throws -> Data)?

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        for provider in WebhookProvider.allCases {
            if status == nil {
                router.post(RouterPath(provider.path)) { request, context in
                    try await self.receive(provider, funnel: nil, request: request, context: context)
                }
            } else {
                router.post(RouterPath("/funnels/:funnel" + provider.path)) { request, context in
                    try await self.receive(provider, funnel: context.parameters.get("funnel"), request: request, context: context)
                }
            }
        }
        router.get("/healthz") { _, _ in
            Self.response(.ok, contentType: "application/json", ByteBuffer(bytes: await self.health()))
        }
        router.get("/metrics") { _, _ in
            Self.response(.ok, contentType: "text/plain; version=0.0.4", ByteBuffer(string: self.renderMetrics()))
        }
        if let status {
            router.get("/status") { _, _ in
                Self.response(.ok, contentType: "application/json", ByteBuffer(bytes: try await status()))
            }
        }
        return router
    }

    private func receive(_ provider: WebhookProvider, funnel: String?, request: Request,
                         context: BasicRequestContext) async throws -> Response {
        guard let metrics = webhookMetrics(funnel) else {
            return Self.json(.notFound, ["error": "no funnel named \(funnel ?? "")"])
        }
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
        guard try await deliver(funnel, keys) == .accepted else {
            return Self.json(.notFound, ["error": "no funnel named \(funnel ?? "")"])
        }
        metrics.recordWebhook(provider: provider.rawValue, verdict: "accepted")
        logger.debug("webhook accepted", metadata: ["provider": "\(provider.rawValue)", "records": "\(keys.count)"])
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
