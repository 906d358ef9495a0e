public import FunnelCore
import Logging
import NIOSSL
public import PostgresNIO

/// A `PostgresStateURL` as PostgresNIO's client and connection configurations, and PostgresNIO's
/// errors as text that never holds the password or a bound value.
enum PostgresConnectionSettings {
    /// The TLS configuration the URL's `sslmode` asks for, or nil for a plain connection.
    static func tlsConfiguration(_ url: PostgresStateURL) -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable: return nil
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        return tls
    }

    /// The pool's configuration (at most `maximumConnections` connections).
    static func client(_ url: PostgresStateURL, maximumConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch (url.tls, tlsConfiguration(url)) {
        case (_, nil): .disable
        case (.prefer, let configuration?): .prefer(configuration)
        case (_, let configuration?): .require(configuration)
        }
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user,
                                                         password: url.password?.revealed, database: url.database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// A single connection's configuration (the lock's own connection).
    static func connection(_ url: PostgresStateURL) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch (url.tls, tlsConfiguration(url)) {
        case (_, nil): .disable
        case (.prefer, let configuration?): .prefer(try NIOSSLContext(configuration: configuration))
        case (_, let configuration?): .require(try NIOSSLContext(configuration: configuration))
        }
        return PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                password: url.password?.revealed, database: url.database, tls: tls)
    }

    /// A logger that drops everything: libraries never print.
    static let silent = Logger(label: "funnel.state.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// What went wrong, from the server's message (and SQLSTATE) or the connection error; never
    /// the query's bound values or the password.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? StateStoreError { return error.description }
        return String(describing: error)
    }
}

/// PostgreSQL clients for other modules (the fleet's work queue shares the state database).
public enum PostgresClients {
    /// A connection pool for `url` (TLS as its `sslmode` asks); run it with `client.run()`.
    public static func make(_ url: PostgresStateURL, maximumConnections: Int) -> PostgresClient {
        PostgresClient(configuration: PostgresConnectionSettings.client(url, maximumConnections: maximumConnections),
                       backgroundLogger: PostgresConnectionSettings.silent)
    }

    /// What went wrong, without the password or any bound value.
    public static func describe(_ error: any Error) -> String {
        PostgresConnectionSettings.describe(error)
    }
}
