import ArgumentParser
import FunnelState

/// `funnel state list`: one address per line.
struct StateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every address in the state (workflow, phases, contacts, cards)."
    )

    @OptionGroup var location: StatePathOptions

    func run() async throws {
        Terminal.out(try await location.withStore { try await $0.addresses() }.joined(separator: "\n"))
    }
}
