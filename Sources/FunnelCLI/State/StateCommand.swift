import ArgumentParser

/// `funnel state list | show | rm | migrate | repair`: look at or edit funnel's memory (never Wix).
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect or edit what funnel remembers about Wix objects (never changes Wix).",
        subcommands: [StateListCommand.self, StateShowCommand.self, StateRemoveCommand.self, StateMigrateCommand.self,
                      StateRepairCommand.self]
    )

}
