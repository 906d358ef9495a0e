import Foundation

/// A parsed `postgres://` (or `postgresql://`) state URL:
/// `postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-ca|verify-full]`.
///
/// The password is a `Secret`: `description` masks it as `***`, and no parse error quotes it.
public struct PostgresStateURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, after libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP (also when `sslmode` is absent).
        case disable
        /// TLS when the server offers it, else plain; the certificate is not verified.
        case prefer
        /// TLS, or fail; the certificate is not verified (libpq's `require`).
        case require
        /// TLS with the certificate verified against the system's trust roots.
        case verifyCA = "verify-ca"
        /// `verifyCA` and the host name checked against the certificate.
        case verifyFull = "verify-full"
    }

    /// Why a text is not a usable state URL. Descriptions never include the password.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case badScheme(String)
        case malformed
        case missingHost
        case missingDatabase
        case badPort(String)
        case badSSLMode(String)
        case unknownParameter(String)

        public var description: String {
            switch self {
            case .badScheme(let scheme):
                return "a database URL must start with postgres:// or postgresql://, not \(scheme)://"
            case .malformed:
                return "not a valid URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
            case .missingHost:
                return "the database URL names no host (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
            case .missingDatabase:
                return "the database URL names no database (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
            case .badPort(let port):
                return "the database URL's port \(port) is not a number between 1 and 65535"
            case .badSSLMode(let mode):
                return "unknown sslmode \(mode) (expected one of "
                    + TLSMode.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            case .unknownParameter(let name):
                return "unknown database URL parameter \(name) (only sslmode is understood)"
            }
        }
    }

    public var user: String
    public var password: Secret?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: Secret?, host: String, port: Int = 5432, database: String, tls: TLSMode = .disable) {
        self.user = user; self.password = password; self.host = host; self.port = port; self.database = database; self.tls = tls
    }

    /// Whether `text` is meant as a database URL (by its scheme), valid or not.
    public static func looksLikeDatabaseURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `text`; the user defaults to `postgres`, the port to 5432, TLS to `disable`.
    /// - Throws: `ParseError`, whose description never quotes the password.
    public init(parsing text: String) throws(ParseError) {
        guard let schemeEnd = text.range(of: "://") else { throw .malformed }
        let scheme = String(text[..<schemeEnd.lowerBound])
        guard ["postgres", "postgresql"].contains(scheme.lowercased()) else { throw .badScheme(scheme) }
        // URLComponents rejects some characters a password may hold; parse the authority by hand.
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostPart = authority
        var user = "postgres"
        var password: Secret?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = Self.decode(userInfo[..<colon])
                password = Secret(Self.decode(userInfo[userInfo.index(after: colon)...]))
            } else {
                user = Self.decode(userInfo)
            }
            if user.isEmpty { user = "postgres" }
        }
        var host = String(hostPart)
        var port = 5432
        if host.hasPrefix("[") { // [::1]:5432
            guard let close = host.firstIndex(of: "]") else { throw .malformed }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(String(after.dropFirst())) } else if !after.isEmpty { throw .malformed }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            port = try Self.port(String(host[host.index(after: colon)...]))
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw .missingHost }
        let pathAndQuery = rest[authorityEnd...]
        let queryStart = pathAndQuery.firstIndex(of: "?") ?? pathAndQuery.endIndex
        let database = Self.decode(pathAndQuery[..<queryStart].drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .missingDatabase }
        var tls = TLSMode.disable
        if queryStart < pathAndQuery.endIndex {
            for pair in pathAndQuery[pathAndQuery.index(after: queryStart)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                let name = Self.decode(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
                guard name == "sslmode" else { throw .unknownParameter(name) }
                guard let mode = TLSMode(rawValue: value) else { throw .badSSLMode(value) }
                tls = mode
            }
        }
        self.init(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    /// The URL with the password masked as `***`: safe for messages and logs.
    public var description: String {
        let credentials = password == nil ? Self.encode(user) : "\(Self.encode(user)):***"
        let hostText = host.contains(":") ? "[\(host)]" : host
        let query = tls == .disable ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(credentials)@\(hostText):\(port)/\(Self.encode(database))\(query)"
    }

    /// The URL with the password in clear, for handing to another process on purpose (never print it).
    public var revealed: String {
        let credentials = password.map { "\(Self.encode(user)):\(Self.encode($0.revealed))" } ?? Self.encode(user)
        let hostText = host.contains(":") ? "[\(host)]" : host
        let query = tls == .disable ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(credentials)@\(hostText):\(port)/\(Self.encode(database))\(query)"
    }

    private static func port(_ text: String) throws(ParseError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw .badPort(text) }
        return port
    }

    private static func decode(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
