import FunnelCore

/// `workflow.phases`: a list, or `{ from: source }` to mirror the CRM pipeline.
public enum PhasesSpec: Sendable {
    case list([PhaseSpec])
    case fromSource(MirrorSpec)
}
