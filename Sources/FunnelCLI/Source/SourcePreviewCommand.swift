import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelSources
import Logging

/// `funnel source preview [-c PATH] [--limit N] [--json] [--show-personal-data]`: the first records as
/// funnel maps them (contact, card, target phase) and the rejected ones with reasons, emails and
/// phones masked unless asked. Reads the CRM, never Wix.
struct SourcePreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show how the first source records map to contacts, cards and phases (reads the CRM only, never Wix)."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "How many records to read.")
    var limit: Int = 20

    @Flag(help: "Print a JSON document instead of text.")
    var json = false

    @Flag(help: "Show emails and phones unmasked.")
    var showPersonalData = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let loaded = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(contentsOf: options.config)
        Terminal.err(loaded.diagnostics.map(\.description).joined(separator: "\n"))
        guard let configuration = loaded.configuration else { throw ExitCode(1) }
        var preview: MappedSource
        do {
            preview = try await SourceFactory.readAndMap(configuration, limit: limit, logger: Logger(label: "funnel.source"))
        } catch {
            Terminal.err("\(error is SourceError ? "error: " : "")\(error)")
            throw ExitCode(1)
        }
        if !showPersonalData { preview = SourcePreviewRendering.masked(preview) }
        Terminal.out(json ? SourcePreviewRendering.json(preview, limit: limit)
                                   : SourcePreviewRendering.text(preview, source: configuration.source, limit: limit))
    }
}
