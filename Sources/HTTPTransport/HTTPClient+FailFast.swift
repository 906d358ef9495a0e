public import AsyncHTTPClient
import NIOCore

extension HTTPClient.Configuration {
    /// The configuration funnel's retry loops assume: a connection that cannot be made fails the
    /// request at once. AsyncHTTPClient's default retries connecting silently until the request's
    /// deadline (30 s per Wix attempt), which turned an unknown host into minutes of silence; with
    /// this, each failure reaches the caller's loop, which says so and decides (fail fast on DNS
    /// and TLS errors, back off on refused connections and timeouts).
    public static var failFast: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return configuration
    }
}
