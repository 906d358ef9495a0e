import ArgumentParser
import FunnelCore
import FunnelRender
import FunnelState

/// `funnel state show ADDRESS`: the remembered values as `key: value` lines.
struct StateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what the state remembers at an address.",
        discussion: "ADDRESS is one of `funnel state list`'s lines, e.g. 'card[\"L-001\"]' (quote it for the shell) or card[L-001]."
    )

    @Argument(help: "The address, e.g. workflow, phase[\"New Lead\"], contact[\"L-001\"], card[\"L-001\"].")
    var address: String

    @Flag(help: "Show emails and phone numbers in clear.")
    var showPersonalData = false

    @OptionGroup var location: StatePathOptions

    func run() async throws {
        let address = self.address
        let lines = try await location.withStore { store in
            guard let lines = try await store.show(address: address) else { throw try await StateCommand.unknown(address, in: store) }
            return lines
        }
        Terminal.out(lines.map { key, value in
            "\(key): \(showPersonalData ? value : Self.masked(value, forKey: key))"
        }.joined(separator: "\n"))
    }

    /// Masks the personal values of `state show` lines: `email`, `phone`, and `identity` (`email:…`/`phone:…`).
    static func masked(_ value: String, forKey key: String) -> String {
        switch key {
        case "email": return PersonalData.maskEmail(value)
        case "phone": return PersonalData.maskPhone(value)
        case "identity" where value.hasPrefix("email:"): return "email:" + PersonalData.maskEmail(String(value.dropFirst(6)))
        case "identity" where value.hasPrefix("phone:"): return "phone:" + PersonalData.maskPhone(String(value.dropFirst(6)))
        default: return value
        }
    }
}

extension StateCommand {
    /// The error for an address the state does not hold, suggesting the nearest one it does.
    static func unknown(_ address: String, in store: any StateStore) async throws -> StateStoreError {
        let canonical = try StateAddress(parsing: address).description
        return .unknownAddress(canonical, nearest: Suggestion.closest(to: canonical, among: try await store.addresses()))
    }
}
