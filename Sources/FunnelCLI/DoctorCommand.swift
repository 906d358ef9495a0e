import ArgumentParser
import Dispatch
import Foundation
import FunnelCore
import FunnelKit

/// `funnel doctor [-c funnel.yaml] [--write] [--json]`: the first command to run on a real site.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that funnel works on the configured Wix site (credentials, permissions, open readings of the docs).",
        discussion: """
            Without --write only reads: lists workflows, queries one contact, lists the cards of the configured \
            workflow if it exists. With --write a scratch workflow funnel-doctor-<random> and one scratch contact \
            settle every reading the Wix docs leave open; both are deleted again, also when a check fails or on \
            Ctrl-C. Exits 0 when funnel works correctly on the site, 1 when not. See docs/real-wix.md.
            """)

    @OptionGroup var config: ConfigOptions
    @Flag(help: "Also create and delete a scratch workflow and contact to settle the open readings.") var write = false
    @Flag(help: "Print {\"ok\": bool, \"checks\": [{\"id\", \"variant\", \"ok\", \"detail\"}]}.") var json = false
    @OptionGroup var log: LogOptions

    func run() async throws {
        let configuration = try config.load()
        let stop = StopSignal()
        let signals = SignalStop(stop)
        let report = try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                await Doctor(client: dependencies.client, workflowName: configuration.workflow.name ?? "",
                             workflowId: configuration.workflow.id).run(write: write, stop: stop)
            }
        }
        signals.cancel()
        if json {
            Terminal.out(String(decoding: try JSONEncoderFactory.sorted.encode(report), as: UTF8.self))
        } else {
            Terminal.out(DoctorTable.render(report, wrote: write))
        }
        if !report.ok { throw ExitCode(1) }
    }
}

/// The `funnel doctor` table: check | what funnel assumes | what the site answered | verdict.
enum DoctorTable {
    static func render(_ report: DoctorReport, wrote: Bool) -> String {
        let header = ["CHECK", "FUNNEL ASSUMES", "SITE ANSWERED", "VERDICT"]
        let rows = report.checks.map { check in
            [check.id, check.assumes, check.detail,
             check.ok ? (check.variant ? "ok (alternative reading)" : "ok") : "FAIL"]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < 2 { widths[index] = max(widths[index], cell.count) } }
        widths[2] = min(max(widths[2], rows.map { $0[2].count }.max() ?? 0), 90)
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : fit(cell, widths[index]).padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let failed = report.checks.filter { !$0.ok }
        var text = ([format(header)] + rows.map(format)).joined(separator: "\n") + "\n"
        for check in failed where check.detail.count > widths[2] { text += "\n\(check.id): \(check.detail)" }
        if !failed.isEmpty { text += failed.contains { $0.detail.count > widths[2] } ? "\n" : "" }
        text += report.ok
            ? "\nfunnel works on this site." + (wrote ? "" : " Run `funnel doctor --write` to settle the open readings too.")
            : "\nfunnel will not work correctly on this site: \(failed.count) check(s) failed."
        return text
    }

    private static func fit(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }
}

/// Turns SIGINT/SIGTERM into a `StopSignal` request while it is alive, so `doctor` can still clean up.
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: StopSignal) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.request() }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
