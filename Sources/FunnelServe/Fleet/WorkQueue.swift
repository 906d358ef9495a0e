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
