import Foundation

/// Times moves from the moment a webhook is sent until the card shows in its new phase: the
/// benchmark registers each move, a poller reports boards, and the tracker keeps the latencies.
actor MoveTracker {
    private struct Pending { var phase: String; var sentAt: ContinuousClock.Instant }

    private var pending: [String: Pending] = [:]
    private(set) var latencies: [Duration] = []
    /// Moves of a card registered again before the earlier move showed (no sample for the earlier one).
    private(set) var superseded = 0

    var pendingCount: Int { pending.count }

    /// The card `name` should reach `phase`; its webhook is sent at `sentAt`.
    func expect(_ name: String, phase: String, sentAt: ContinuousClock.Instant) {
        if pending.updateValue(Pending(phase: phase, sentAt: sentAt), forKey: name) != nil { superseded += 1 }
    }

    /// A board read at `seenAt` (card name → phase): moves that show in it are done.
    func observe(_ board: [String: String], seenAt: ContinuousClock.Instant) {
        for (name, move) in pending where board[name] == move.phase {
            latencies.append(seenAt - move.sentAt)
            pending[name] = nil
        }
    }

    /// Median, p95, p99 and max of the latencies so far.
    func summary() -> (median: Duration, p95: Duration, p99: Duration, max: Duration)? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        func at(_ fraction: Double) -> Duration { sorted[Int((fraction * Double(sorted.count - 1)).rounded())] }
        return (at(0.5), at(0.95), at(0.99), sorted.last!)
    }
}
