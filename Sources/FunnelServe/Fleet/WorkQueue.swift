import Foundation
import FunnelKit

/// The table of due reconciles that a fleet of workers shares (`funnel serve --funnels DIR`).
///
/// One row per funnel, keyed by the funnel's state namespace (`<siteId>/<workflow>`). A row is
/// due when its whole-funnel cycle is due or webhook record keys wait for it. A worker *claims* a
/// due row for a lease; while it holds the lease no other worker claims it; it renews the lease
/// while the cycle runs and completes the row at the end. A worker that dies stops renewing: its
/// rows are claimed by the others once the lease runs out. `PostgresWorkQueue` shares the table
/// between processes (`SELECT … FOR UPDATE SKIP LOCKED`); `MemoryWorkQueue` is the same contract
/// inside one process.
public protocol WorkQueue: Sendable {
    /// Adds the funnels (rows that already exist are kept as they are, with their history).
    /// New rows are due for a whole-funnel cycle now.
    func register(_ funnels: [FleetFunnelID]) async throws
    /// Queues webhook record keys for a funnel, due after `delay` (the debounce window).
    func enqueue(_ namespace: String, keys: [String], delay: Duration) async throws
    /// Makes a whole-funnel cycle due now.
    func requestFullCycle(_ namespace: String) async throws
    /// Claims the most overdue row no live lease holds, for `lease`, among `namespaces` (the funnels
    /// this worker can run). The row keeps its record keys until `complete` says they were done,
    /// so a worker that dies mid-cycle loses none.
    func claim(worker: String, lease: Duration, among namespaces: Set<String>) async throws -> WorkClaim?
    /// Extends a lease still held by `claim.worker`; false when it was lost (it ran out and another
    /// worker claimed the row): the caller must stop writing.
    func renew(_ claim: WorkClaim, lease: Duration) async throws -> Bool
    /// Ends a claim: releases the lease and records the cycle's result. After success the claimed
    /// keys leave the row (keys queued meanwhile stay) and, after a whole-funnel cycle, the next one
    /// is due in `next`. After a failure the row is due again in `next` (the backoff).
    func complete(_ claim: WorkClaim, result: WorkResult, next: Duration) async throws
    /// Every row, for `funnel status` and `/status`.
    func status() async throws -> [FunnelStatus]
}

/// A funnel's identity in the queue.
public struct FleetFunnelID: Sendable, Hashable, Codable {
    /// The state namespace, `<siteId>/<workflow name>`: the same on every machine.
    public var namespace: String
    /// The short name (the config file's name without `.yaml`), used in webhook URLs and output.
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace; self.name = name
    }
}

/// A row claimed by one worker.
public struct WorkClaim: Sendable, Hashable {
    public var funnel: FleetFunnelID
    public var worker: String
    /// What to reconcile: the whole funnel, or the row's record keys.
    public var scope: ConvergeScope
    /// The row's record keys at claim time (a whole-funnel cycle covers them too).
    public var keys: [String]
    /// Consecutive failed cycles before this one.
    public var failures: Int

    public init(funnel: FleetFunnelID, worker: String, scope: ConvergeScope, keys: [String], failures: Int) {
        self.funnel = funnel; self.worker = worker; self.scope = scope; self.keys = keys; self.failures = failures
    }
}

/// How a claimed cycle ended.
public enum WorkResult: Sendable, Hashable {
    /// The cycle ran; `pending` changes were left undone (failed or skipped steps, a refused plan).
    case succeeded(summary: String, pending: Int)
    /// The cycle failed; the claim's record keys stay in the row.
    case failed(message: String)
}

/// One funnel's line in `funnel status`; `GET /status` answers `[FunnelStatus]` as `json`.
public struct FunnelStatus: Sendable, Hashable, Codable {
    /// The JSON form of `/status` and `funnel status --json` (snake_case keys, ISO 8601 dates).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Reads what `encoder` wrote.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public var namespace: String
    public var name: String
    /// When the last cycle that ended without an error finished.
    public var lastSuccess: Date?
    /// The last cycle's plan summary.
    public var lastSummary: String?
    /// Changes known to be waiting: queued webhook records plus steps the last cycle left undone.
    public var pending: Int
    /// The last error, until a cycle succeeds.
    public var lastError: String?
    /// The worker holding the row now (its lease has not run out), if any.
    public var worker: String?
    /// When the next whole-funnel cycle is due.
    public var nextFullCycle: Date?
    /// Consecutive failed cycles.
    public var failures: Int

    public init(namespace: String, name: String, lastSuccess: Date? = nil, lastSummary: String? = nil, pending: Int = 0,
                lastError: String? = nil, worker: String? = nil, nextFullCycle: Date? = nil, failures: Int = 0) {
        self.namespace = namespace; self.name = name; self.lastSuccess = lastSuccess; self.lastSummary = lastSummary
        self.pending = pending; self.lastError = lastError; self.worker = worker; self.nextFullCycle = nextFullCycle
        self.failures = failures
    }
}
