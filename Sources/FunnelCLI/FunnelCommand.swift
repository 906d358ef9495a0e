public import ArgumentParser
import FunnelCore

/// The root `funnel` command. Each subcommand lives in its own file as `XCommand`.
public struct FunnelCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Keep a Wix Workflows lead funnel in sync with an external CRM.",
        version: FunnelVersion.current,
        subcommands: FunnelCommand.allSubcommands
    )

    public init() {}
}
