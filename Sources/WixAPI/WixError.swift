public import FunnelCore
public import HTTPTransport

/// A failed Wix call, as a value.
///
/// It names the request (method, path without query), the object it acted on and what Wix said.
/// It never holds the `Authorization` header, the API key or a token: it is built only from the
/// response body, the status and the request line.
public struct WixError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it.
    public enum Category: String, Sendable, Hashable {
        case invalidArgument, unauthenticated, permissionDenied, notFound, conflict
        case rateLimited, server, timeout, transport, undecodableResponse, other
        /// A 429 that is a quota, not a rate (`CUSTOM_FIELDS_LIMIT_REACHED`: the site holds 100 custom
        /// fields): waiting does not help, so it is not retried.
        case quotaExceeded
    }

    /// One entry of Wix's `details.validationError.fieldViolations`.
    public struct FieldViolation: Sendable, Hashable, Codable {
        public var field: String?
        public var description: String?
        public var violatedRule: String?
        public var ruleName: String?
    }

    /// HTTP status, or nil when no response arrived (timeout, connection error).
    public var status: Int?
    /// `details.applicationError.code`, e.g. `DUPLICATE_CONTACT_EXISTS`.
    public var code: String?
    public var fieldViolations: [FieldViolation]
    /// Wix's `message` (or the application error's description, or a transport summary).
    public var message: String
    public var method: String
    /// The request path without query string, e.g. `/workflows/v1/cards/abc/move`.
    public var path: String
    public var target: WixTarget?
    /// For `409 DUPLICATE_CONTACT_EXISTS`: the contact that already holds the email or phone.
    public var duplicateContactId: String?
    /// `details.applicationError.data`, for codes this type does not model.
    public var data: JSONValue?
    /// How many attempts the client made before giving up.
    public var attempts: Int
    /// True when a write failed in a way that does not tell whether Wix applied it: this or an
    /// earlier attempt ended with a 5xx, a timeout or a connection lost after sending. The
    /// client does not repeat such a create; the caller looks for the object first (a card by
    /// its contact, a contact by its email) and creates again only if it is absent. For other
    /// writes it explains a 4xx that follows a retry (e.g. a stale revision caused by the
    /// first attempt having been applied).
    public var outcomeUnknown: Bool
    /// What kind of failure this is, for callers that branch on it.
    public var category: Category
    /// Why no response arrived (DNS, TLS, refused, timeout), when none did.
    public var network: TransportFailure?
    /// True when no call of this client had succeeded before this one failed: nothing has shown
    /// yet that the endpoint, the network, the site id and the key work at all.
    public var firstContact = false

    public init(
        status: Int?, category: Category? = nil, code: String? = nil, fieldViolations: [FieldViolation] = [], message: String,
        method: String, path: String, target: WixTarget? = nil, duplicateContactId: String? = nil,
        data: JSONValue? = nil, attempts: Int = 1, outcomeUnknown: Bool = false
    ) {
        self.status = status
        self.code = code
        self.fieldViolations = fieldViolations
        self.message = message
        self.method = method
        self.path = path
        self.target = target
        self.duplicateContactId = duplicateContactId
        self.data = data
        self.attempts = attempts
        self.outcomeUnknown = outcomeUnknown
        self.category = category ?? Self.category(for: status)
    }

    static func category(for status: Int?) -> Category {
        switch status {
        case nil: return .transport
        case 400, 422: return .invalidArgument
        case 401: return .unauthenticated
        case 403: return .permissionDenied
        case 404: return .notFound
        case 409, 412, 428: return .conflict
        case 429: return .rateLimited
        case let status? where status >= 500: return .server
        case let status? where (200..<300).contains(status): return .undecodableResponse
        default: return .other
        }
    }

    /// Whether trying the same request again may succeed (429, 5xx, timeouts, connection errors).
    /// An unknown host or a TLS error is retryable too, but the client gives it one retry at most
    /// (`waitingHelps`).
    public var isRetryable: Bool {
        switch category {
        case .rateLimited, .timeout, .transport: return true
        case .server: return status != 501
        default: return false
        }
    }

    /// False for failures a person has to fix (an unknown host, a certificate): retrying for
    /// minutes would only hide them.
    public var waitingHelps: Bool { network?.waitingHelps ?? true }

    public var isNotFound: Bool { status == 404 }
    /// `409 DUPLICATE_CONTACT_EXISTS` (or the documented misspelling without the S).
    public var isDuplicateContact: Bool {
        status == 409 && (duplicateContactId != nil || code?.hasPrefix("DUPLICATE_CONTACT_EXIST") == true)
    }
    /// `409` on an update whose `revision` is stale: read the contact again and retry.
    public var isRevisionMismatch: Bool {
        status == 409 && !isDuplicateContact
            && (code == "REVISION_MISMATCH" || message.lowercased().contains("revision"))
    }

    /// `POST /contacts/v4/contacts → 409 DUPLICATE_CONTACT_EXISTS: A contact … (contact 1b2c, attempt 1)`
    public var description: String {
        var text = "\(method) \(path) → "
        text += status.map { "\($0)" } ?? "no response"
        if let code { text += " \(code)" }
        if !message.isEmpty { text += ": \(message)" }
        let violations = fieldViolations.map { "\($0.field ?? "?"): \($0.description ?? $0.violatedRule ?? "invalid")" }
        if !violations.isEmpty { text += " [\(violations.joined(separator: "; "))]" }
        var notes: [String] = []
        if let target { notes.append(target.description) }
        if let duplicateContactId { notes.append("duplicate of contact \(duplicateContactId)") }
        if attempts > 1 { notes.append("after \(attempts) attempts") }
        if outcomeUnknown { notes.append("outcome unknown: an attempt may have been applied") }
        if !notes.isEmpty { text += " (\(notes.joined(separator: ", ")))" }
        return text
    }
}
