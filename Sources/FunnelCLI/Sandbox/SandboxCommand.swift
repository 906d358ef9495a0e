import ArgumentParser

/// `funnel sandbox`: the built-in Wix sandbox (Workflows v1 + Contacts v4 emulator).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run or inspect the local Wix sandbox (no Wix account needed).",
        subcommands: [SandboxServeCommand.self, SandboxShowCommand.self]
    )
}
