public import FunnelCore
import Foundation

/// Checks `Authorization: Basic base64(user:password)` in constant time. Pipedrive does not sign its
/// webhooks; the credentials configured on the webhook are what proves a request came from it.
public struct BasicAuthVerifier: Sendable {
    public var user: Secret
    public var password: Secret

    public init(user: Secret, password: Secret) { self.user = user; self.password = password }

    /// Checks the `Authorization` header's value.
    public func verify(authorization: String?) -> WebhookVerdict {
        guard let authorization else { return .rejected(reason: "missing Authorization") }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let credentials = String(data: decoded, encoding: .utf8) else {
            return .rejected(reason: "Authorization is not Basic credentials")
        }
        // Compare the whole `user:password` so neither half's result leaks through timing.
        let expected = user.revealed + ":" + password.revealed
        return ConstantTime.equal(credentials, expected) ? .accepted : .rejected(reason: "credentials do not match")
    }

    /// The header value a sender puts in `Authorization` (for tests and benchmarks).
    public static func header(user: String, password: String) -> String {
        "Basic " + Data((user + ":" + password).utf8).base64EncodedString()
    }
}
