import Foundation

/// One retry about to happen, for the person watching: the libraries hand it to an observer given
/// at construction (they never print); the CLI shows it as one `warning:` line.
public struct RetryNotice: Sendable, Hashable, CustomStringConvertible {
    /// Why the last attempt failed.
    public enum Reason: Sendable, Hashable {
        /// No response at all.
        case unreachable(TransportFailure)
        /// An HTTP status worth retrying (429, 5xx).
        case status(Int)
    }

    /// The host the request went to (`www.wixapis.com`, `127.0.0.1:8080`).
    public var host: String
    public var reason: Reason
    /// The attempt about to be made (2 for the first retry).
    public var attempt: Int
    /// The most attempts this call will make, the first one included.
    public var maxAttempts: Int
    /// How long the caller waits before that attempt.
    public var delay: Duration

    public init(host: String, reason: Reason, attempt: Int, maxAttempts: Int, delay: Duration) {
        self.host = host
        self.reason = reason
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
    }

    /// `www.wixapis.com unreachable (DNS: name or service not known …); retry 2 of 6 in 3 s`
    public var description: String {
        let what: String = switch reason {
        case .unreachable(let failure): "unreachable (\(failure))"
        case .status(429): "is rate limiting (429)"
        case .status(let status): "answered \(status)"
        }
        return "\(host) \(what); retry \(attempt) of \(maxAttempts) in \(Self.seconds(delay))"
    }

    /// `www.wixapis.com`, or `127.0.0.1:8080`: the host part of a URL, as a notice names it.
    public static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// `0.3 s` under a second, else whole seconds (`3 s`).
    static func seconds(_ duration: Duration) -> String {
        let parts = duration.components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        if seconds < 0.95 { return "\((seconds * 10).rounded() / 10) s" }
        return "\(Int(seconds.rounded())) s"
    }
}

/// Receives retry notices; called from whatever task retries, so it must be quick and thread-safe.
public typealias RetryObserver = @Sendable (RetryNotice) -> Void
