import Foundation
import FunnelCore

/// One webhook receiver: how it proves a request came from the CRM, and how it reads the keys.
enum WebhookProvider: String, Sendable, CaseIterable {
    case hubspot, pipedrive, generic

    /// The route path.
    var path: String { "/hooks/\(rawValue)" }

    /// The request as the verifier needs it.
    struct Incoming: Sendable {
        var method: String
        var pathAndQuery: String
        var host: String?
        var headers: [String: String]
        var body: [UInt8]
    }

    /// nil when the receiver is not configured; otherwise the verdict.
    func verify(_ request: Incoming, settings: WebhookSettings, now: Date) -> WebhookVerdict? {
        switch self {
        case .hubspot:
            guard let secret = settings.hubSpotSecret else { return nil }
            let base = settings.publicURL ?? "http://" + (request.host ?? "localhost")
            return HubSpotSignatureVerifier(secret: secret, publicBaseURL: base).verify(
                method: request.method, pathAndQuery: request.pathAndQuery, body: request.body,
                signature: request.headers["x-hubspot-signature-v3"], timestamp: request.headers["x-hubspot-request-timestamp"],
                now: now)
        case .pipedrive:
            return settings.pipedrive?.verify(authorization: request.headers["authorization"])
        case .generic:
            return settings.generic?.verify(body: request.body, signature: request.headers["x-funnel-signature"])
        }
    }

    /// The record keys the body names.
    func keys(_ body: [UInt8]) throws -> [String] {
        switch self {
        case .hubspot: try WebhookPayload.hubSpotKeys(body)
        case .pipedrive: try WebhookPayload.pipedriveKeys(body)
        case .generic: try WebhookPayload.genericKeys(body)
        }
    }

    /// What to set so the receiver is enabled (for the 503 message).
    func requirement(_ settings: WebhookSettings) -> String {
        switch self {
        case .hubspot: "set \(settings.hubSpotSecretVariable)"
        case .pipedrive: "set PIPEDRIVE_WEBHOOK_USER and PIPEDRIVE_WEBHOOK_PASSWORD"
        case .generic: "set FUNNEL_WEBHOOK_SECRET"
        }
    }
}
