import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelRender

/// The formats of `funnel report --format`.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, html, json
}

/// `funnel report`: see the funnel — cards per phase, the moves funnel applied lately, the median time in
/// phase, the records the source cannot sync. Read-only: Wix, the state and the lock are left alone.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show the funnel: cards per phase, the moves funnel applied, time in phase, rejected records.",
        discussion: """
            Reads the live Wix workflow, funnel's state and apply journal, and the source; writes nothing. \
            The formats and the JSON document are described in docs/report.md.
            """)

    @OptionGroup var config: ConfigOptions
    @Option(help: "How far back to count the moves funnel applied: 30d, 12h, 90m.") var since = "30d"
    @Option(help: "text (bar charts), markdown (a PR comment or job summary), html (one page), or json.")
    var format: ReportFormat = .text
    @Option(help: "Write the report to this file instead of standard output.") var out: String?
    @Flag(help: "Show emails and phone numbers instead of masking them.") var showPersonalData = false
    @Flag(help: "Never colour the output (NO_COLOR is honoured too).") var noColor = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard let window = DurationText.parse(since), window > .zero else {
            throw ValidationError("--since expects a positive duration such as 30d, 12h or 90m; got \"\(since)\"")
        }
    }

    func run() async throws {
        let configuration = try config.load()
        let window = DurationText.parse(since).map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
        let report = try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                try await ReportUseCase.run(configuration, dependencies: dependencies, since: window)
            }
        }
        let toTerminal = out == nil
        var options = RenderOptions.detect(environment: Terminal.environment, isTTY: toTerminal && Terminal.stdoutIsTTY,
                                           showPersonalData: showPersonalData)
        if noColor || !toTerminal { options.color = false }
        let text: String = switch format {
        case .text: ReportRenderer.text(report, options: options, width: Int(Terminal.environment["COLUMNS"] ?? "") ?? 80)
        case .markdown: ReportRenderer.markdown(report, options: options)
        case .html: ReportRenderer.html(report, options: options)
        case .json: try ReportRenderer.json(report, options: options)
        }
        if let out {
            try AtomicFile.write(text, to: out)
            Terminal.err("Wrote the \(format.rawValue) report to \(out).")
        } else {
            Terminal.out(text)
        }
    }
}
