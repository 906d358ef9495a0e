/// The output of mapping every source record through the config.
public struct MappedRecords: Sendable {
    public var leads: [DesiredLead]
    public var rejected: [RejectedRecord]
    /// Warnings such as a template field no record has.
    public var warnings: [Diagnostic]
    /// SHA-256 (hex) over the records as read, in order: pins a saved plan to its source snapshot.
    public var snapshotDigest: String
    /// How many records were read.
    public var recordCount: Int

    public init(leads: [DesiredLead], rejected: [RejectedRecord], warnings: [Diagnostic], snapshotDigest: String, recordCount: Int) {
        self.leads = leads; self.rejected = rejected; self.warnings = warnings
        self.snapshotDigest = snapshotDigest; self.recordCount = recordCount
    }
}
