import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelState

/// `-c PATH` / `--state PATH|URL` [`--namespace NAME`]: where the state is. `--state` wins;
/// otherwise the config's `state:` (default `.funnel/state.db` beside the config).
struct StatePathOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("state"), help: "The state: a SQLite file, or a postgres:// URL (overrides the config's `state:`).")
    var state: String?

    @Option(help: "The funnel's namespace in a PostgreSQL state (default: the config's, \"<siteId>/<workflow name>\").")
    var namespace: String?

    /// Where the state is and the funnel's namespace in it, from the options or the config
    /// (whose diagnostics go to stderr).
    func stateLocation() throws -> (location: StateLocation, namespace: String) {
        if let state {
            let location: StateLocation
            do {
                location = try StateLocation(parsing: state)
            } catch {
                Terminal.err("--state: \(error.description)")
                throw ExitCode.failure
            }
            if let namespace { return (location, namespace) }
            if case .sqlite = location { return (location, "") }
            return (location, try loadConfiguration(reason: "a PostgreSQL state's namespace comes from the config; pass -c PATH or --namespace NAME").stateNamespace)
        }
        let configuration = try loadConfiguration(reason: "the state's location comes from the config; pass -c PATH or --state PATH")
        return (configuration.stateLocation, namespace ?? configuration.stateNamespace)
    }

    /// Opens the existing state (a missing one is an error, not a new empty state), runs `body`
    /// and closes the store.
    func withStore<T: Sendable>(_ body: (any StateStore) async throws -> T) async throws -> T {
        let (location, namespace) = try stateLocation()
        return try await StateStores.withStore(location: location, namespace: namespace, createIfMissing: false, body)
    }

    private func loadConfiguration(reason: String) throws -> FunnelConfiguration {
        let result = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(contentsOf: configOptions.config)
        guard let configuration = result.configuration else {
            Terminal.err(result.diagnostics.map(\.description).joined(separator: "\n"))
            Terminal.err("(\(reason))")
            throw ExitCode.failure
        }
        return configuration
    }
}
