import FunnelConfig
import FunnelCore

/// What `funnel validate` prints and how it exits, decided from a load result.
struct ValidateReport: Equatable {
    var standardOutput: String
    var standardError: String
    var exitCode: Int32

    init(standardOutput: String, standardError: String, exitCode: Int32) {
        self.standardOutput = standardOutput; self.standardError = standardError; self.exitCode = exitCode
    }

    /// Valid: the one-line summary (or `[]` with `--json`) on stdout, warnings on stderr, exit 0.
    /// Invalid: the diagnostics on stderr (with `--json`: the JSON array on stdout), exit 1.
    init(_ result: ConfigLoader.Result, displayPath: String, json: Bool) {
        let rendered = result.diagnostics.map(\.description).joined(separator: "\n")
        exitCode = result.configuration == nil ? 1 : 0
        if json {
            standardOutput = DiagnosticJSON.render(result.diagnostics, file: displayPath)
            standardError = ""
        } else {
            standardOutput = result.configuration?.validSummary(displayPath: displayPath) ?? ""
            standardError = rendered
        }
    }
}
