import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

/// Why an HTTP exchange got no response, sorted by what the person running funnel can do about it.
///
/// The Wix client and the CRM sources both classify through here, so "waiting cannot help" is one
/// decision: a name that does not resolve or a certificate that does not verify will not heal in
/// the seconds a retry waits, while a refused connection (a server restarting) or a timeout may.
public struct TransportFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The host name did not resolve (unknown host, or no DNS at all: the network is down).
        case dns
        /// The TLS handshake failed: a certificate that does not verify, or no TLS on the other side.
        case tls
        /// Nothing listens at the address (or a firewall said no).
        case refused
        /// The connection or the exchange ran out of time.
        case timeout
        /// Anything else: a connection dropped mid-way, a protocol error.
        case other
    }

    public var kind: Kind
    /// What went wrong, in the words of the layer that saw it (`name or service not known`).
    public var detail: String
    /// False only when no byte of the request can have reached the server.
    public var sent: Bool

    public init(kind: Kind, detail: String, sent: Bool) {
        self.kind = kind
        self.detail = detail
        self.sent = sent
    }

    /// Sorts an error thrown by `HTTPClient.execute` (or while reading the body).
    public init(classifying error: any Error) {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: self.init(kind: .timeout, detail: "connection timed out", sent: false)
            case .deadlineExceeded, .readTimeout, .writeTimeout: self.init(kind: .timeout, detail: "request timed out", sent: true)
            default: self.init(kind: .other, detail: "\(error)", sent: true)
            }
        case let error as NIOConnectionError:
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                self.init(kind: .dns, detail: Self.dnsDetail(dns), sent: false)
            } else if let refused = error.connectionErrors.first(where: { Self.isRefused($0.error) }) {
                self.init(kind: .refused, detail: "connection refused by \(refused.target)", sent: false)
            } else {
                self.init(kind: .other, detail: "\(error)", sent: false)
            }
        case let error as SocketAddressError.UnknownHost:
            self.init(kind: .dns, detail: Self.dnsDetail(error), sent: false)
        case let error as ChannelError where Self.isConnectTimeout(error):
            self.init(kind: .timeout, detail: "connection timed out", sent: false)
        // A refused connect (AsyncHTTPClient reports the last one when its connect deadline
        // passes): the request never left, so even a create may be sent again.
        case let error as IOError where Self.isRefused(error):
            self.init(kind: .refused, detail: "connection refused", sent: false)
        case let error as NIOSSLError:
            self.init(kind: .tls, detail: Self.tlsDetail(error), sent: false)
        case let error as BoringSSLError:
            self.init(kind: .tls, detail: "\(error)", sent: false)
        case let error as NIOSSLExtraError:
            self.init(kind: .tls, detail: "\(error)", sent: false)
        default:
            self.init(kind: .other, detail: "\(error)", sent: true)
        }
    }

    /// Whether retrying within seconds may succeed. An unknown host and a TLS error get at most
    /// one retry (a resolver or a handshake can fail once by accident); a person has to act.
    public var waitingHelps: Bool {
        switch kind {
        case .dns, .tls: return false
        case .refused, .timeout, .other: return true
        }
    }

    /// `DNS: name or service not known`, `TLS: handshake failed (…)`, `connection refused`.
    public var description: String {
        switch kind {
        case .dns: return "DNS: \(detail)"
        case .tls: return "TLS: \(detail)"
        case .refused, .timeout, .other: return detail
        }
    }

    private static func isConnectTimeout(_ error: ChannelError) -> Bool {
        if case .connectTimeout = error { return true }
        return false
    }

    private static func isRefused(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }

    private static func dnsDetail(_ error: any Error) -> String {
        guard let unknown = error as? SocketAddressError.UnknownHost else { return "\(error)" }
        return "\(unknown.errorDescription.lowercased()) for host \(unknown.host)"
    }

    private static func tlsDetail(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let reason):
            // BoringSSL's text carries codes and source paths; its reason names are what a person can search for.
            let reasons = "\(reason)".matches(of: /:([A-Z][A-Z0-9_]+)\s+at\s/).map { $0.output.1.lowercased().replacing("_", with: " ") }
            guard !reasons.isEmpty else { return "handshake failed (\(reason))" }
            let hint = reasons.contains("wrong version number") ? " (does the server speak TLS?)" : ""
            return "handshake failed: \(reasons.joined(separator: "; "))\(hint)"
        case .uncleanShutdown: return "the server closed the connection during the handshake (does it speak TLS?)"
        case .unableToValidateCertificate, .noCertificateToValidate: return "the certificate could not be verified"
        default: return "\(error)"
        }
    }
}
