import FunnelCore
import WixAPI

/// A phase move that is checked after the fact.
///
/// Wix does not document whether Move Phase's `newPosition` counts before or after the phase is
/// taken out (`move-phase-before-removal`). The planner counts after; the order is read back, and
/// a move to the right that landed one slot short is sent again with `position + 1`, the same slot
/// counted the other way. Either reading ends with the phase where the plan wanted it.
enum PhaseMove {
    /// Moves `phase` to `position` (0-based among the active phases) and returns whether it needed
    /// a correction; throws when even the corrected move did not land there.
    static func move(_ client: WixClient, workflow: String, phase: String, to position: Int) async throws -> Bool {
        try await client.movePhase(workflowId: workflow, phaseId: phase, position: position)
        for attempt in 0..<2 {
            let order = try await client.getWorkflow(id: workflow, cardsPerPhase: 0).phases.map(\.id)
            guard let landed = order.firstIndex(of: phase) else {
                throw FunnelError("phase \(phase) is no longer in workflow \(workflow) after moving it")
            }
            if landed == min(position, order.count - 1) { return attempt > 0 }
            guard attempt == 0 else { break }
            try await client.movePhase(workflowId: workflow, phaseId: phase, position: landed < position ? position + 1 : position)
        }
        throw FunnelError("phase \(phase) did not land at position \(position) even after a corrected move; run `funnel plan` to see the order")
    }
}
