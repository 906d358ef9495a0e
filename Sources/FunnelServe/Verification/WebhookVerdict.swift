/// Whether a webhook request proved it came from the CRM. A rejection says why in words that
/// never quote the payload, the signature or a secret, so it is safe to log.
public enum WebhookVerdict: Sendable, Hashable {
    case accepted
    case rejected(reason: String)

    /// True for `.accepted`.
    public var isAccepted: Bool { self == .accepted }
}
