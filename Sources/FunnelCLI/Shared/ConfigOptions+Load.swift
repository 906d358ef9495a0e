import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore

extension ConfigOptions {
    /// Loads and validates the config; prints every diagnostic (compiler format) and exits 1 on errors.
    func load() throws -> FunnelConfiguration {
        let result = ConfigLoader(environment: Terminal.environment).load(contentsOf: config)
        for diagnostic in result.diagnostics { Terminal.err(diagnostic.description) }
        guard let configuration = result.configuration else { throw ExitCode(1) }
        return configuration
    }
}
