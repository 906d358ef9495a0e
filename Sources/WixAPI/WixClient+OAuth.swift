import FunnelCore

extension WixClient {
    /// `POST /oauth2/token` with the app's client credentials. Called only by the token provider,
    /// which caches the result; the body and the answer never reach a log or an error.
    func requestAccessToken() async throws -> (token: Secret, lifetime: Duration) {
        guard case .oauth(let appId, let appSecret, let instanceId, _) = configuration.auth else {
            preconditionFailure("access tokens exist only with OAuth credentials")
        }
        let body = try WixJSON.encode([
            "grant_type": "client_credentials", "client_id": appId,
            "client_secret": appSecret.revealed, "instance_id": instanceId,
        ])
        var request = WixRequest("POST", "/oauth2/token", body: body)
        request.authorized = false
        let answer = try await send(request, as: TokenResponse.self)
        return (Secret(answer.accessToken), .milliseconds(Int64(answer.expiresIn * 1000)))
    }
}

/// `{"access_token": "…", "expires_in": 14400}`; the token is wrapped in `Secret` at once.
private struct TokenResponse: Decodable {
    var accessToken: String
    var expiresIn: Double

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        expiresIn = try container.decodeIfPresent(Double.self, forKey: .expiresIn) ?? 300
    }
}
