import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelState

/// `-c PATH` / `--state PATH`: where the state database is. `--state` wins; otherwise the config's
/// `state:` (default `.funnel/state.db` beside the config).
struct StatePathOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("config")], help: "The config file whose `state:` names the state database.")
    var config: String = "funnel.yaml"

    @Option(name: .customLong("state"), help: "The state database (overrides the config's `state:`).")
    var state: String?

    /// The state database path, from `--state` or the config.
    func statePath() throws -> String {
        if let state { return state }
        let path = URL(fileURLWithPath: config).standardizedFileURL.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StateCommandError("cannot read the config \(config); pass -c PATH or --state PATH")
        }
        let result = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(text: text, path: path)
        guard let configuration = result.configuration else { throw DiagnosticsError(result.diagnostics) }
        return configuration.statePath
    }

    /// Opens the existing state (a missing file is an error, not a new empty state).
    func openStore() throws -> SQLiteStateStore {
        try SQLiteStateStore.open(path: try statePath(), createIfMissing: false)
    }
}

/// A `funnel state` failure with a message for the user (printed as `Error: …`, exit code 1).
struct StateCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
