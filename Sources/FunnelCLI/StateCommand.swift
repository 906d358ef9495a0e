import ArgumentParser
import Foundation
import FunnelCore

/// `funnel state list | show | rm`: look at or edit funnel's memory (never Wix).
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect or edit what funnel remembers about Wix objects (never changes Wix).",
        subcommands: [StateListCommand.self, StateShowCommand.self, StateRemoveCommand.self]
    )

    /// Writes a note to standard error, apart from the data on standard output.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data(("note: " + line + "\n").utf8))
    }

    /// Says that a lock whose process was gone was taken over.
    static func tookOverMessage(_ stale: LockInfo) -> String {
        "took over a stale state lock \(stale.id) (\(stale.operation) by \(stale.who) on \(stale.host) pid \(stale.pid) "
            + "since \(stale.since)): that process no longer exists"
    }
}
