import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelSources
import Logging

/// `funnel source preview [-c PATH] [--limit N] [--json]`: the first records as funnel maps them
/// (contact, card, target phase) and the rejected ones with reasons. Reads the CRM, never Wix.
struct SourcePreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show how the first source records map to contacts, cards and phases (reads the CRM only, never Wix)."
    )

    @Option(name: [.customShort("c"), .customLong("config")], help: "The config file.")
    var config: String = "funnel.yaml"

    @Option(help: "How many records to read.")
    var limit: Int = 20

    @Flag(help: "Print a JSON document instead of text.")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let path = URL(fileURLWithPath: config).standardizedFileURL.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("error: cannot read the config file \(config)\n".utf8))
            throw ExitCode(1)
        }
        let loaded = ConfigLoader(environment: ProcessInfo.processInfo.environment).load(text: text, path: path)
        for diagnostic in loaded.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
        guard let configuration = loaded.configuration else { throw ExitCode(1) }
        let preview: MappedSource
        do {
            preview = try await SourceFactory.readAndMap(configuration, limit: limit, logger: Logger(label: "funnel.source"))
        } catch {
            FileHandle.standardError.write(Data("\(error is SourceError ? "error: " : "")\(error)\n".utf8))
            throw ExitCode(1)
        }
        let output = json ? SourcePreviewRendering.json(preview, limit: limit)
                          : SourcePreviewRendering.text(preview, source: configuration.source, limit: limit)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
