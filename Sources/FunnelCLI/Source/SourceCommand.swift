import ArgumentParser

/// `funnel source …`: commands about the CRM source.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Inspect the CRM source and its mapping.",
        subcommands: [SourcePreviewCommand.self]
    )
}
