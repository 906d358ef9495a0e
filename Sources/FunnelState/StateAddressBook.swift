import FunnelCore

/// `funnel state list | show | rm` over a snapshot: what every backend answers the same way.
enum StateAddressBook {
    /// Every address the state holds: `workflow`, the phases in order, then contacts and cards
    /// sorted by record key (`record["KEY"]` for a record with neither half).
    static func addresses(in state: StateSnapshot) -> [String] {
        var result: [String] = []
        if state.workflowId != nil || state.winPhaseId != nil { result.append(StateAddress.workflow.description) }
        result += state.phases.map { StateAddress.phase(name: $0.name).description }
        let records = state.records.values.sorted { $0.key < $1.key }
        result += records.filter(\.hasContactPart).map { StateAddress.contact(key: $0.key).description }
        result += records.filter(\.hasCardPart).map { StateAddress.card(key: $0.key).description }
        result += records.filter { !$0.hasContactPart && !$0.hasCardPart }.map { StateAddress.record(key: $0.key).description }
        return result
    }

    /// The remembered values at `address` as ordered `key: value` lines, or nil when nothing is there.
    static func lines(at address: StateAddress, in state: StateSnapshot) -> [(String, String)]? {
        func phaseName(_ id: String?) -> String? { id.flatMap { id in state.phases.first { $0.phaseId == id }?.name } }
        switch address {
        case .workflow:
            guard state.workflowId != nil || state.winPhaseId != nil else { return nil }
            return [("id", state.workflowId), ("win_phase_id", state.winPhaseId)].compactMap { key, value in value.map { (key, $0) } }
        case .phase(let name):
            guard let index = state.phases.firstIndex(where: { $0.name == name }) else { return nil }
            let phase = state.phases[index]
            return [("id", phase.phaseId), ("name", phase.name)] + (phase.stageId.map { [("stage_id", $0)] } ?? [])
                + [("position", String(index + 1))]
        case .contact(let key):
            guard let record = state.records[key], record.hasContactPart else { return nil }
            return record.contactLines
        case .card(let key):
            guard let record = state.records[key], record.hasCardPart else { return nil }
            return record.cardLines(phaseName: phaseName(record.phaseId))
        case .record(let key):
            guard let record = state.records[key] else { return nil }
            return record.contactLines + record.cardLines(phaseName: phaseName(record.phaseId)).dropFirst()
        }
    }

    /// The mutations that forget what the state holds at `address`, or nil when nothing is there.
    static func removal(at address: StateAddress, in state: StateSnapshot) -> [StateMutation]? {
        switch address {
        case .workflow:
            guard state.workflowId != nil || state.winPhaseId != nil else { return nil }
            return [.setWorkflow(id: nil, winPhaseId: nil)]
        case .phase(let name):
            let phases = state.phases.filter { $0.name == name }
            return phases.isEmpty ? nil : phases.map { .removePhase(phaseId: $0.phaseId) }
        case .contact(let key), .card(let key), .record(let key):
            guard var record = state.records[key] else { return nil }
            switch address {
            case .contact: guard record.hasContactPart else { return nil }; record.forgetContact()
            case .card: guard record.hasCardPart else { return nil }; record.forgetCard()
            default: record.forgetContact(); record.forgetCard()
            }
            return [record.hasContactPart || record.hasCardPart ? .upsertRecord(record) : .removeRecord(key: key)]
        }
    }
}
