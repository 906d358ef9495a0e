public import FunnelCore

/// Which webhook receivers `funnel serve` enables and the secrets they check. Each is enabled when
/// its secret is in the environment; a request to a disabled one gets 503 naming the variable.
public struct WebhookSettings: Sendable {
    /// HubSpot's app client secret (v3 signatures).
    public var hubSpotSecret: Secret?
    /// The environment variable the HubSpot secret was read from (for messages).
    public var hubSpotSecretVariable: String
    /// Pipedrive's Basic-auth credentials.
    public var pipedrive: BasicAuthVerifier?
    /// The shared secret of `POST /hooks/generic`.
    public var generic: BodySignatureVerifier?
    /// The public base URL the CRM calls (`https://hooks.example.com`), used to rebuild the URL
    /// HubSpot signed. Without it, `http://` + the request's `Host` header is used.
    public var publicURL: String?
    /// Largest body accepted.
    public var maximumBodySize: Int

    public init(hubSpotSecret: Secret? = nil, hubSpotSecretVariable: String = "HUBSPOT_CLIENT_SECRET",
                pipedrive: BasicAuthVerifier? = nil, generic: BodySignatureVerifier? = nil, publicURL: String? = nil,
                maximumBodySize: Int = 1 << 20) {
        self.hubSpotSecret = hubSpotSecret; self.hubSpotSecretVariable = hubSpotSecretVariable
        self.pipedrive = pipedrive; self.generic = generic; self.publicURL = publicURL
        self.maximumBodySize = maximumBodySize
    }

    /// Reads `HUBSPOT_CLIENT_SECRET` (or the variable named), `PIPEDRIVE_WEBHOOK_USER` +
    /// `PIPEDRIVE_WEBHOOK_PASSWORD` and `FUNNEL_WEBHOOK_SECRET`; empty values count as unset.
    public static func fromEnvironment(_ environment: [String: String], publicURL: String?,
                                       hubSpotSecretVariable: String = "HUBSPOT_CLIENT_SECRET") -> WebhookSettings {
        func secret(_ name: String) -> Secret? {
            environment[name].flatMap { $0.isEmpty ? nil : Secret($0) }
        }
        var pipedrive: BasicAuthVerifier?
        if let user = secret("PIPEDRIVE_WEBHOOK_USER"), let password = secret("PIPEDRIVE_WEBHOOK_PASSWORD") {
            pipedrive = BasicAuthVerifier(user: user, password: password)
        }
        return WebhookSettings(hubSpotSecret: secret(hubSpotSecretVariable), hubSpotSecretVariable: hubSpotSecretVariable,
                               pipedrive: pipedrive, generic: secret("FUNNEL_WEBHOOK_SECRET").map(BodySignatureVerifier.init),
                               publicURL: publicURL)
    }

    /// The receivers enabled, for the startup line: `hubspot, generic`.
    public var enabledReceivers: [String] {
        [hubSpotSecret.map { _ in "hubspot" }, pipedrive.map { _ in "pipedrive" }, generic.map { _ in "generic" }]
            .compactMap { $0 }
    }
}
