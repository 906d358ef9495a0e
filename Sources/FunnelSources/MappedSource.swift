import FunnelConfig
import FunnelCore

/// A configuration's source read and mapped: what `plan` and `source preview` start from.
public struct MappedSource: Sendable {
    /// The pipeline the source reported (CRM API or `source.stages`), if any.
    public var pipeline: SourcePipeline?
    public var mapped: MappedRecords
}
