public import FunnelCore

/// funnel's state behind one interface: the snapshot funnel remembers between runs, the apply
/// journal and the one-writer lock. `SQLiteStateStore` keeps it in a local file;
/// `PostgresStateStore` in a PostgreSQL database shared by a team and by many funnels.
/// Open one with `StateStores.open(location:namespace:createIfMissing:)`; call `close()` when done.
///
/// Every write is one transaction: all of its changes or none, also across a kill -9.
public protocol StateStore: AnyObject, Sendable {
    /// Where the state is, safe to print (a database URL's password is masked as `***`).
    var location: String { get }

    /// Everything funnel remembers, read in one consistent transaction.
    func snapshot() async throws -> StateSnapshot
    /// Applies `mutations` in order, in one transaction.
    func save(_ mutations: [StateMutation]) async throws
    /// Increments `serial` (an apply that wrote something) and returns the new value.
    @discardableResult func bumpSerial() async throws -> Int

    /// Records a new run with every step `pending`; closes a run still `running` as `interrupted`
    /// and prunes old finished runs. Call it while holding the lock.
    func beginRun(id: String, planDigest: String, steps: [JournalStep]) async throws
    /// Records that a step's call is about to be made (committed before this returns).
    func markStarted(run: String, step: Int) async throws
    /// Records a step's outcome, the id it created and the mutations it implies, atomically.
    func markFinished(run: String, step: Int, status: JournalStep.Status, resultId: String?, error: String?,
                      mutations: [StateMutation]) async throws
    /// Closes a run, with what it cost (nil: not measured).
    func finishRun(id: String, status: JournalRun.Status, cost: ApplyCost?) async throws
    /// The cost of the newest run that recorded one: the plan's estimate takes apply's CPU per call from it.
    func lastApplyCost() async throws -> ApplyCost?
    /// The newest run still `running` (its process died, when the lock is held by the caller).
    func interruptedRun() async throws -> JournalRun?
    /// A run and its steps, or nil when the journal does not hold it.
    func journalRun(id: String) async throws -> JournalRun?
    /// Every run the journal keeps (the last few), oldest first, with their steps.
    func journalRuns() async throws -> [JournalRun]

    /// Takes the lock for `operation`, polling every `pollInterval` for at most `timeout`.
    /// - Throws: `StateLockError.held` naming the holder when the wait times out.
    func acquireLock(operation: String, timeout: Duration, pollInterval: Duration) async throws -> LockInfo
    /// Releases a lock this store holds; false when it was no longer held.
    @discardableResult func releaseLock(_ id: String) async throws -> Bool
    /// Gives a lock this store holds up at once, without waiting for anything (it runs in a
    /// cancellation handler, while the holder may be stuck): PostgreSQL closes the lock's connection,
    /// SQLite deletes the lock's row on a thread of its own.
    func abandonLock(_ id: String)
    /// Breaks the lock with this id, whoever holds it.
    /// - Throws: `StateLockError.noSuchLock` when the current lock (if any) has another id.
    func forceUnlock(_ id: String) async throws
    /// Who holds the lock, if anyone.
    func currentLock() async throws -> LockInfo?

    /// Every address the state holds (`workflow`, `phase["…"]`, `contact["…"]`, `card["…"]`, `record["…"]`).
    func addresses() async throws -> [String]
    /// The remembered values at `address` as `key: value` lines, or nil when nothing is there.
    func show(address: String) async throws -> [(String, String)]?
    /// Forgets what the state holds at `address` (Wix is not touched); false when nothing was there.
    @discardableResult func remove(address: String) async throws -> Bool
    /// The backend's own consistency check: the problems found, or an empty list.
    func checkIntegrity() async throws -> [String]

    /// Releases the store's connections (and with them any lock it still holds). Idempotent.
    func close() async
}

extension StateStore {
    /// Takes the lock, polling every 200 ms for at most `timeout`.
    public func acquireLock(operation: String, timeout: Duration) async throws -> LockInfo {
        try await acquireLock(operation: operation, timeout: timeout, pollInterval: .milliseconds(200))
    }

    /// Holds the lock for `operation` around `body` and releases it however `body` ends: apply,
    /// watch, serve, `state rm` and `state migrate` all take it this way. Cancelling the task gives
    /// the lock up at once (`abandonLock`), even while `body` is stuck on an await that ignores
    /// cancellation: a fleet cycle given up as stuck never keeps its funnel locked.
    public func withLock<T: Sendable>(operation: String, timeout: Duration = .zero,
                                      _ body: (LockInfo) async throws -> T) async throws -> T {
        let lock = try await acquireLock(operation: operation, timeout: timeout)
        do {
            let result = try await withTaskCancellationHandler {
                try await body(lock)
            } onCancel: {
                abandonLock(lock.id)
            }
            _ = try await releaseLock(lock.id)
            return result
        } catch {
            _ = try? await releaseLock(lock.id)
            throw error
        }
    }
}
