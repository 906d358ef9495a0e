import Crypto
public import FunnelCore

/// Checks `X-Funnel-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with a shared secret; the
/// scheme of `POST /hooks/generic`, for any system that can sign what it sends.
public struct BodySignatureVerifier: Sendable {
    public var secret: Secret

    public init(secret: Secret) { self.secret = secret }

    /// Checks the header's value against the raw body.
    public func verify(body: [UInt8], signature: String?) -> WebhookVerdict {
        guard let signature, signature.hasPrefix("sha256=") else { return .rejected(reason: "missing sha256= signature") }
        guard let expected = Self.bytes(hex: signature.dropFirst("sha256=".count)) else {
            return .rejected(reason: "signature is not hex")
        }
        let key = SymmetricKey(data: Array(secret.revealed.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: key)
            ? .accepted : .rejected(reason: "signature does not match")
    }

    /// The header value a sender puts in `X-Funnel-Signature` (for tests and benchmarks).
    public static func header(secret: Secret, body: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.revealed.utf8)))
        return "sha256=" + code.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
