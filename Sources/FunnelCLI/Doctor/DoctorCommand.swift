import ArgumentParser
import Dispatch
import Foundation
import FunnelConfig
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
