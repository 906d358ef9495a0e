import ArgumentParser
import Foundation
import FunnelConfig

/// `funnel validate [-c PATH] [--json]`: load the config and report every problem at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check funnel.yaml and report every problem with its line and column.",
        discussion: "Exits 0 when the config is valid, 1 when it is not. No network call is made."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print the diagnostics as a JSON array of {file, line, column, severity, message}.")
    var json = false

    func run() async throws {
        let result = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(contentsOf: options.config)
        let report = ValidateReport(result, displayPath: options.config, json: json)
        Terminal.out(report.standardOutput)
        Terminal.err(report.standardError)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
