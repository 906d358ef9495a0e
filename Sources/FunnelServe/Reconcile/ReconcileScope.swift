/// What one reconcile cycle covers.
public enum ReconcileScope: Sendable, Hashable {
    /// The whole funnel: every record against the whole workflow (the interval cycle).
    case all
    /// Just these record keys (a webhook batch): read those records, plan them, apply.
    case records([String])
}
