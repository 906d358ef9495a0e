import ArgumentParser
import FunnelCore
import FunnelState

/// `funnel force-unlock LOCK_ID`: breaks a lock whose holder is gone.
struct ForceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock",
        abstract: "Break the state lock left by a process that is gone.",
        discussion: "Only when the holder named in the lock error no longer runs: two writers at once can corrupt the sync."
    )

    @Argument(help: "The lock ID from the \"state is locked\" message.")
    var lockId: String

    @OptionGroup var location: StatePathOptions

    func run() async throws {
        let lockId = self.lockId
        let lock = try await location.withStore { store in
            let lock = try await store.currentLock()
            try await store.forceUnlock(lockId)
            return lock
        }
        if let lock {
            Terminal.out("Lock \(lock.id) broken (\(lock.operation) by \(lock.who) on \(lock.host) pid \(lock.pid) since \(lock.since)).")
        }
    }
}
