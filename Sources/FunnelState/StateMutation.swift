public import FunnelCore

/// One change to funnel's memory. `SQLiteStateStore.save(_:)` applies a list of them in one
/// transaction, in order; `markFinished` applies them atomically with a journal step's result.
public enum StateMutation: Sendable, Codable, Hashable {
    /// Remembers the workflow id and its win phase id (`nil` forgets them).
    case setWorkflow(id: String?, winPhaseId: String?)
    /// Inserts or replaces a phase by `phaseId`; a new phase goes after the known ones.
    case upsertPhase(PhaseState)
    /// Forgets a phase (no error when unknown).
    case removePhase(phaseId: String)
    /// Replaces the whole record with this key (insert when new).
    case upsertRecord(RecordState)
    /// Forgets a record (no error when unknown).
    case removeRecord(key: String)
    /// Remembers a label's or custom field's key by the config's display name (replacing what was there).
    case upsertDefinition(DefinitionState)
}
