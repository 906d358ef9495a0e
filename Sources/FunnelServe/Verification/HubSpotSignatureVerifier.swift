import Crypto
public import FunnelCore
public import Foundation

/// Verifies HubSpot's v3 request signature (`X-HubSpot-Signature-v3`): the base64 HMAC-SHA256, keyed
/// with the app's client secret, of `method + requestUri + rawBody + timestamp`, where `requestUri` is
/// the full URL HubSpot called. Behind a proxy the server cannot see that URL, so it is built from the
/// configured public base URL and the path (and query) the request arrived with.
public struct HubSpotSignatureVerifier: Sendable {
    /// The app's client secret.
    public var secret: Secret
    /// The URL HubSpot is configured to call, without the path: `https://hooks.example.com`.
    public var publicBaseURL: String
    /// Older timestamps are rejected (HubSpot: 5 minutes). Timestamps this far in the future are rejected too.
    public var maximumAge: Duration

    public init(secret: Secret, publicBaseURL: String, maximumAge: Duration = .seconds(300)) {
        self.secret = secret
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.maximumAge = maximumAge
    }

    /// Checks one request. `pathAndQuery` is the request target as received (`/hooks/hubspot?x=1`);
    /// `timestamp` is `X-HubSpot-Request-Timestamp` (epoch milliseconds).
    public func verify(method: String, pathAndQuery: String, body: [UInt8], signature: String?, timestamp: String?,
                       now: Date) -> WebhookVerdict {
        guard let signature, !signature.isEmpty else { return .rejected(reason: "missing X-HubSpot-Signature-v3") }
        guard let timestamp, let milliseconds = Int64(timestamp) else {
            return .rejected(reason: "missing or malformed X-HubSpot-Request-Timestamp")
        }
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let maximum = maximumAge.components.seconds * 1000
        guard abs(nowMilliseconds - milliseconds) <= maximum else {
            return .rejected(reason: "timestamp outside the \(maximumAge.components.seconds) s window")
        }
        guard let expected = Data(base64Encoded: signature) else { return .rejected(reason: "signature is not base64") }
        let uri = Self.decodeEscapes(publicBaseURL + pathAndQuery)
        var message = Array((method.uppercased() + uri).utf8)
        message += body
        message += Array(timestamp.utf8)
        let key = SymmetricKey(data: Array(secret.revealed.utf8))
        let valid = HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: message, using: key)
        return valid ? .accepted : .rejected(reason: "signature does not match")
    }

    /// Computes the signature a sender would put in `X-HubSpot-Signature-v3` (for tests and benchmarks).
    public static func sign(secret: Secret, method: String, uri: String, body: [UInt8], timestamp: String) -> String {
        var message = Array((method.uppercased() + decodeEscapes(uri)).utf8)
        message += body
        message += Array(timestamp.utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.revealed.utf8)))
        return Data(code).base64EncodedString()
    }

    /// The escapes HubSpot decodes in the URI before signing (its validation docs list exactly these).
    static let decodedEscapes: [(String, String)] = [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"),
        ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ]

    static func decodeEscapes(_ uri: String) -> String {
        guard uri.contains("%") else { return uri }
        var result = uri
        for (escape, character) in decodedEscapes {
            result = result.replacingOccurrences(of: escape, with: character, options: .caseInsensitive)
        }
        return result
    }
}
