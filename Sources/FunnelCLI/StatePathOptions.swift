import ArgumentParser
import Foundation
import FunnelConfig
import FunnelState

/// `-c PATH` / `--state PATH`: where the state database is. `--state` wins; otherwise the config's
/// `state:` (default `.funnel/state.db` beside the config).
struct StatePathOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("state"), help: "The state database (overrides the config's `state:`).")
    var state: String?

    /// The state database path, from `--state` or the config (whose diagnostics go to stderr).
    func statePath() throws -> String {
        if let state { return state }
        let result = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(contentsOf: configOptions.config)
        guard let configuration = result.configuration else {
            Output.standardError(result.diagnostics.map(\.description).joined(separator: "\n"))
            Output.standardError("(the state's location comes from the config; pass -c PATH or --state PATH)")
            throw ExitCode.failure
        }
        return configuration.statePath
    }

    /// Opens the existing state (a missing file is an error, not a new empty state).
    func openStore() throws -> SQLiteStateStore {
        try SQLiteStateStore.open(path: try statePath(), createIfMissing: false)
    }
}
