public import FunnelCore
import FunnelSources

/// A plan and what mapping the source produced (for warnings and previews).
public struct PlanResult: Sendable {
    public var plan: Plan
    public var mapped: MappedRecords
}
