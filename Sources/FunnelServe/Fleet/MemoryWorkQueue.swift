public import Foundation
import FunnelKit

/// `WorkQueue` inside one process (several workers, one `funnel serve`): used when the funnels'
/// state is not on PostgreSQL. Same contract as `PostgresWorkQueue`, with the process clock.
public actor MemoryWorkQueue: WorkQueue {
    private struct Row {
        var funnel: FleetFunnelID
        var fullDue: Date?
        var keys: [String] = []
        var keysDue: Date?
        var leaseOwner: String?
        var leaseUntil: Date?
        var status: FunnelStatus
        var undone = 0

        /// When the row became due (the earlier of its whole-funnel time and its keys' time), if it is due.
        func dueAt(_ now: Date) -> Date? {
            let whole = fullDue.flatMap { $0 <= now ? $0 : nil }
            let records = keys.isEmpty ? nil : keysDue.flatMap { $0 <= now ? $0 : nil }
            return [whole, records].compactMap { $0 }.min()
        }
    }

    private var rows: [String: Row] = [:]
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    public func register(_ funnels: [FleetFunnelID]) {
        for funnel in funnels where rows[funnel.namespace] == nil {
            rows[funnel.namespace] = Row(funnel: funnel, fullDue: now(),
                                         status: FunnelStatus(namespace: funnel.namespace, name: funnel.name))
        }
    }

    public func enqueue(_ namespace: String, keys: [String], delay: Duration) throws {
        guard var row = rows[namespace] else { throw WorkQueueError.unknownFunnel(namespace) }
        row.keys += keys.filter { !row.keys.contains($0) }
        let due = now().addingTimeInterval(delay.seconds)
        row.keysDue = min(row.keysDue ?? due, due)
        rows[namespace] = row
    }

    public func requestFullCycle(_ namespace: String) throws {
        guard rows[namespace] != nil else { throw WorkQueueError.unknownFunnel(namespace) }
        rows[namespace]!.fullDue = now()
    }

    public func claim(worker: String, lease: Duration, among namespaces: Set<String>) -> WorkClaim? {
        let now = now()
        let due = rows.values.compactMap { row -> (Date, String)? in
            guard namespaces.contains(row.funnel.namespace) else { return nil }
            if let until = row.leaseUntil, until > now { return nil }
            return row.dueAt(now).map { ($0, row.funnel.namespace) }
        }.min { $0 < $1 }
        guard let namespace = due?.1, var row = rows[namespace] else { return nil }
        let whole = row.fullDue.map { $0 <= now } ?? false
        row.leaseOwner = worker
        row.leaseUntil = now.addingTimeInterval(lease.seconds)
        rows[namespace] = row
        return WorkClaim(funnel: row.funnel, worker: worker, scope: whole ? .all : .records(row.keys), keys: row.keys,
                         failures: row.status.failures)
    }

    public func renew(_ claim: WorkClaim, lease: Duration) -> Bool {
        let now = now()
        guard var row = rows[claim.funnel.namespace], row.leaseOwner == claim.worker,
              let until = row.leaseUntil, until > now else { return false }
        row.leaseUntil = now.addingTimeInterval(lease.seconds)
        rows[claim.funnel.namespace] = row
        return true
    }

    public func complete(_ claim: WorkClaim, result: WorkResult, next: Duration) {
        guard var row = rows[claim.funnel.namespace] else { return }
        let now = now()
        let later = now.addingTimeInterval(next.seconds)
        if row.leaseOwner == claim.worker { row.leaseOwner = nil; row.leaseUntil = nil }
        switch result {
        case .succeeded(let summary, let pending):
            row.status.lastSuccess = now
            row.status.lastSummary = summary
            row.status.lastError = nil
            row.status.failures = 0
            row.undone = pending
            row.keys.removeAll { claim.keys.contains($0) }
            if row.keys.isEmpty { row.keysDue = nil }
            if claim.scope == .all { row.fullDue = later }
        case .failed(let message):
            row.status.lastError = message
            row.status.failures += 1
            if claim.scope == .all { row.fullDue = later } else { row.keysDue = later }
        }
        rows[claim.funnel.namespace] = row
    }

    public func status() -> [FunnelStatus] {
        let now = now()
        return rows.values.map { row in
            var status = row.status
            status.pending = row.keys.count + row.undone
            status.worker = row.leaseUntil.flatMap { $0 > now ? row.leaseOwner : nil }
            status.nextFullCycle = row.fullDue
            return status
        }.sorted { $0.name < $1.name }
    }
}
