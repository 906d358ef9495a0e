import FunnelKit
import Synchronization
@testable import FunnelServe

/// A reconciler that records the scopes it was asked for, for the HTTP-layer tests that need no
/// Wix (the end-to-end tests use `FunnelReconciler` against the sandbox).
final class RecordingReconciler: Reconciling {
    private let scopes = Mutex<[ConvergeScope]>([])
    private let stops = Mutex(0)
    let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var calls: [ConvergeScope] { scopes.withLock { $0 } }
    var stopRequests: Int { stops.withLock { $0 } }

    func reconcile(_ scope: ConvergeScope) async throws -> CycleOutcome {
        scopes.withLock { $0.append(scope) }
        if failing { throw ServeError("sandbox unreachable") }
        return CycleOutcome(kind: .applied, planSummary: "Plan: 1 to move.", stepsApplied: ["move_card": 1], apiCalls: 3)
    }

    func requestStop() { stops.withLock { $0 += 1 } }
}
