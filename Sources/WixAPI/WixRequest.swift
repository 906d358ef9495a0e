import Foundation

/// One Wix call before it is sent: the request line, the body, and how it may be retried.
struct WixRequest: Sendable {
    /// Whether repeating the request is safe when its outcome is unknown.
    enum Repeatability: Sendable {
        /// Reads, updates, moves, archives, deletes: repeating changes nothing more.
        case idempotent
        /// Creates: repeated only when Wix certainly did not process the first attempt
        /// (429, a refused connection, an expired token).
        case create
    }

    var method: String
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data?
    var repeatability: Repeatability = .idempotent
    var target: WixTarget?
    /// False only for the token request itself.
    var authorized = true

    init(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        repeatability: Repeatability = .idempotent, target: WixTarget? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.repeatability = repeatability
        self.target = target
    }

    /// Whether the request changes anything at Wix (reads and contact queries do not).
    var isWrite: Bool {
        authorized && method != "GET" && !path.hasSuffix("/query")
    }

    /// The full URL under `endpoint`, query values percent-encoded.
    func url(endpoint: String) -> String {
        guard !query.isEmpty else { return endpoint + path }
        let pairs = query.map { "\(Self.escapeQuery($0.name))=\(Self.escapeQuery($0.value))" }
        return endpoint + path + "?" + pairs.joined(separator: "&")
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~:")
        return set
    }()

    static func escapeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }
}

extension String {
    /// The string as one path segment: `/` and everything outside the unreserved set escaped.
    var pathSegment: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
