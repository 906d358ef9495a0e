public import FunnelKit
/// Runs one reconcile cycle: plan (the whole funnel or just some records), and apply when the plan
/// has changes and no policy gate refuses it. `FunnelReconciler` is the real one; the runner, the
/// watch loop and the webhook server only see this.
public protocol Reconciling: Sendable {
    /// Plans and applies `scope`; throws when the cycle failed (nothing or only part was written).
    func reconcile(_ scope: ConvergeScope) async throws -> CycleOutcome
    /// Asks a cycle in flight to finish the steps already started and start no new one.
    func requestStop()
}
