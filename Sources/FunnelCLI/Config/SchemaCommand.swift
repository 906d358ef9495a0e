import ArgumentParser
import FunnelConfig

/// `funnel schema`: print the JSON Schema of funnel.yaml.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of funnel.yaml, for editors and CI."
    )

    func run() async throws {
        Terminal.out(FunnelSchema.text)
    }
}
