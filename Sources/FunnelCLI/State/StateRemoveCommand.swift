import ArgumentParser
import FunnelState

/// `funnel state rm ADDRESS`: forgets an object; Wix keeps it.
struct StateRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Make funnel forget an object (the Wix object itself is not touched).",
        discussion: "The next plan adopts what still exists in Wix (contact by email/phone, card by contact and owned source)."
    )

    @Argument(help: "The address to forget, e.g. card[\"L-001\"].")
    var address: String

    @OptionGroup var location: StatePathOptions

    func run() async throws {
        let address = self.address
        let where_ = try await location.withStore { store in
            try await store.withLock(operation: "state rm") { lock in
                if let note = lock.staleTakeoverNote { Terminal.err("note: " + note) }
                guard try await store.remove(address: address) else { throw try await StateCommand.unknown(address, in: store) }
                return store.location
            }
        }
        let canonical = try StateAddress(parsing: address).description
        Terminal.out("Removed \(canonical) from funnel's state (\(where_)).")
        Terminal.out("Nothing was changed in Wix: the object still exists there, and the next plan adopts it again if the config still maps it.")
    }
}

