public import FunnelCore

/// How the client proves who it is to Wix.
///
/// Both forms keep their secrets in `Secret`, so printing a configuration never reveals them.
public enum WixAuth: Sendable, CustomStringConvertible {
    /// A site owner's API key, sent as `Authorization: <key>` with `wix-site-id: <siteId>`.
    case apiKey(Secret, siteId: String)
    /// An app's OAuth client credentials. The client exchanges them at `POST /oauth2/token`
    /// for an access token, caches it and renews it before `expires_in` runs out.
    case oauth(appId: String, appSecret: Secret, instanceId: String, siteId: String?)

    /// The `wix-site-id` header value, when there is one.
    public var siteId: String? {
        switch self {
        case .apiKey(_, let siteId): return siteId
        case .oauth(_, _, _, let siteId): return siteId
        }
    }

    public var description: String {
        switch self {
        case .apiKey(_, let siteId): return "apiKey(<redacted>, siteId: \(siteId))"
        case .oauth(let appId, _, let instanceId, let siteId):
            return "oauth(appId: \(appId), appSecret: <redacted>, instanceId: \(instanceId), siteId: \(siteId ?? "nil"))"
        }
    }
}
