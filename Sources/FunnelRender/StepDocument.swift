import FunnelCore

/// One step of the plan document.
struct StepDocument: Codable {
    var id: Int
    var group: StepGroup
    var action: StepAction
    var address: String
    var before: [String: String]?
    var after: [String: String]?
    var reason: String
    var provenance: ProvenanceDocument
    var dependsOn: [Int]
    var operation: OperationDocument

    enum CodingKeys: String, CodingKey {
        case id, group, action, address, before, after, reason, provenance, operation
        case dependsOn = "depends_on"
    }

    init(_ step: PlanStep) {
        id = step.id; group = step.group; action = step.action; address = step.address; before = step.before
        after = step.after; reason = step.reason; provenance = ProvenanceDocument(step.provenance)
        dependsOn = step.dependsOn; operation = OperationDocument(step.operation)
    }

    func step(at path: String) throws -> PlanStep {
        PlanStep(id: id, group: group, action: action, address: address, before: before, after: after, reason: reason,
                 provenance: provenance.provenance, dependsOn: dependsOn,
                 operation: try operation.operation(at: "\(path).operation"))
    }
}

/// Why a step exists: `record_key`, `record` (`leads.csv:15`) and `config` (`{file, line, column}`).
struct ProvenanceDocument: Codable {
    var recordKey: String?
    var record: String?
    var config: SourceLocation?

    enum CodingKeys: String, CodingKey {
        case recordKey = "record_key", record, config
    }

    init(_ provenance: Provenance) {
        recordKey = provenance.recordKey; record = provenance.record; config = provenance.config
    }

    var provenance: Provenance { Provenance(recordKey: recordKey, record: record, config: config) }
}
