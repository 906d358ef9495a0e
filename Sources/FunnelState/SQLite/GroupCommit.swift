import Dispatch
import GRDB
import Synchronization

/// Group commit for the journal: concurrent apply steps each need their `started` / `finished`
/// record on disk before they go on, and with `synchronous = FULL` every commit costs an fsync.
/// Writes that arrive while a commit is in progress wait and then share the next transaction, so
/// eight steps in flight pay for about one fsync each round instead of eight. Every caller still
/// returns only once its own write is committed: the crash-safety contract is unchanged.
final class GroupCommit: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending {
        var work: Work
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Queue {
        var pending: [Pending] = []
        var writing = false
    }

    private let database: DatabasePool
    private let queue = Mutex(Queue())
    private let thread = DispatchQueue(label: "funnel-state-group-commit")

    init(database: DatabasePool) {
        self.database = database
    }

    /// Runs `work` in a write transaction, possibly shared with other callers' work; returns once
    /// it is committed. If a shared transaction fails, each work is retried in its own, so one
    /// caller's error (an unknown step) never fails another's write.
    func write(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startWriter = queue.withLock { queue -> Bool in
                queue.pending.append(Pending(work: work, continuation: continuation))
                if queue.writing { return false }
                queue.writing = true
                return true
            }
            if startWriter { thread.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let batch = queue.withLock { queue -> [Pending] in
                let batch = queue.pending
                queue.pending = []
                if batch.isEmpty { queue.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try database.write { db in
                    for item in batch { try item.work(db) }
                }
                for item in batch { item.continuation.resume() }
            } catch {
                for item in batch {
                    do {
                        try database.write { db in try item.work(db) }
                        item.continuation.resume()
                    } catch {
                        item.continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}
