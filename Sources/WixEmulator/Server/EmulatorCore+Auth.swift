import Foundation
import FunnelCore
import Hummingbird

/// Authentication (wix-api.md §2.2): `Authorization` with a raw token or `Bearer <token>` (401 if
/// missing, unknown or expired) and `wix-site-id` (403 if missing), unless the token came from
/// `POST /oauth2/token`, whose instance id is the site.
extension EmulatorCore {
    static let siteHeader = HeaderName("wix-site-id")!
    static let writerHeader = HeaderName(WriterTracker.header)!

    func authenticate(_ request: Request) async -> Result<(site: String, appId: String?), WixError> {
        var token = (request.headers[.authorization] ?? "").trimmingCharacters(in: .whitespaces)
        if token.lowercased() == "bearer" { token = "" }
        if token.lowercased().hasPrefix("bearer ") { token = String(token.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        guard !token.isEmpty else {
            return .failure(.application(401, "UNAUTHENTICATED", "missing Authorization header"))
        }
        let siteHeader = request.headers[Self.siteHeader].flatMap { $0.isEmpty ? nil : $0 }
        if token.hasPrefix(TokenIssuer.prefix) {
            switch await tokens.lookup(token) {
            case .valid(let site, let appId):
                if let siteHeader, siteHeader != site {
                    return .failure(.application(403, "PERMISSION_DENIED", "the token does not grant access to site \(siteHeader)"))
                }
                return .success((site, appId))
            case .expired:
                return .failure(.application(401, "UNAUTHENTICATED", "the access token has expired"))
            case .unknown:
                return .failure(.application(401, "UNAUTHENTICATED", "unknown access token"))
            }
        }
        if let keys = options.apiKeys, !keys.contains(where: { $0.revealed == token }) {
            return .failure(.application(401, "UNAUTHENTICATED", "invalid API key"))
        }
        guard let siteHeader else {
            return .failure(.application(403, "PERMISSION_DENIED", "missing wix-site-id header"))
        }
        return .success((siteHeader, nil))
    }

    /// `POST /oauth2/token` with `grant_type: client_credentials`.
    func issueToken(_ body: ByteBuffer) async -> Result<ByteBuffer, WixError> {
        struct TokenRequest: Decodable {
            var grant_type: String?
            var client_id: String?
            var client_secret: String?
            var instance_id: String?
        }
        struct TokenResponse: Encodable {
            var access_token: String
            var token_type = "Bearer"
            var expires_in: Int
        }
        let request: TokenRequest
        do {
            request = try APIRequest(site: "", parameters: [:], query: [:], body: body).decode(TokenRequest.self)
        } catch {
            return .failure(error)
        }
        guard request.grant_type == "client_credentials" else {
            return .failure(.invalid("grant_type", "must be client_credentials", rule: "FORMAT"))
        }
        guard let instanceId = request.instance_id, !instanceId.isEmpty else {
            return .failure(.invalid("instance_id", "is required"))
        }
        guard let app = options.oauthApp, request.client_id == app.appId,
              request.client_secret == app.appSecret.revealed else {
            return .failure(.application(401, "UNAUTHENTICATED", "invalid client_id or client_secret"))
        }
        if let accepted = app.instanceId, accepted != instanceId {
            return .failure(.application(403, "PERMISSION_DENIED", "the app is not installed on instance \(instanceId)"))
        }
        let (token, expiresIn) = await tokens.issue(site: instanceId, appId: app.appId)
        return .success(jsonBody(TokenResponse(access_token: token, expires_in: expiresIn)))
    }
}
