import Foundation
import FunnelCore
import FunnelPlanner
import FunnelState

/// The shared, mutable bookkeeping of one apply: step results, learned ids, record memory.
actor ApplyProgress {
    enum Status { case done, failed, skipped }

    private var status: [Int: Status] = [:]
    private var results: [Int: String] = [:]
    private var winPhases: [Int: String] = [:]
    private var errors: [Int: String] = [:]
    private var blockedBy: [Int: [Int]] = [:]
    private var adoptedCount = 0
    private var records: [String: RecordState]

    init(records: [String: RecordState]) { self.records = records }

    func isFinished(_ step: Int) -> Bool { status[step] == .done }

    func finish(_ step: Int, resultId: String?, ok: Bool, adopted: Bool = false, winPhaseId: String? = nil) {
        status[step] = .done
        if let resultId { results[step] = resultId }
        if let winPhaseId { winPhases[step] = winPhaseId }
        if adopted { adoptedCount += 1 }
    }

    func fail(_ step: Int, error: String) {
        status[step] = .failed
        errors[step] = error
    }

    func skip(_ step: Int, blockedBy blockers: [Int]) {
        status[step] = .skipped
        blockedBy[step] = blockers
    }

    /// Dependencies that did not succeed.
    func blockers(of step: PlanStep) -> [Int] {
        step.dependsOn.filter { status[$0] != .done }
    }

    /// The concrete id behind a reference, once the step that learns it is done.
    func resolve(_ ref: IDRef) -> String? {
        switch ref {
        case .id(let id): id
        case .created(let step): results[step]
        case .winPhaseOf(let step): winPhases[step]
        }
    }

    func createdWorkflow(_ plan: Plan) -> String? {
        plan.steps.first { $0.action == .createWorkflow }.flatMap { results[$0.id] }
    }

    func winPhase(_ plan: Plan) -> String? {
        if let step = plan.steps.first(where: { $0.action == .createWorkflow }) { return winPhases[step.id] }
        return nil
    }

    func unsuccessfulAddresses(_ plan: Plan) -> Set<String> {
        Set(plan.steps.filter { status[$0.id] != .done }.map(\.address))
    }

    /// State changes that go into the journal in the same transaction as the step's completion.
    func mutations(for step: PlanStep, outcome: StepOutcome) -> [StateMutation] {
        switch step.operation {
        case .createWorkflow:
            return [.setWorkflow(id: outcome.resultId, winPhaseId: outcome.winPhaseId)]
        case .createPhase(_, let name, _), .renamePhase(_, let name):
            guard let id = outcome.resultId ?? step.operation.phaseId else { return [] }
            return [.upsertPhase(PhaseState(phaseId: id, name: name))]
        case .deletePhase(let phase):
            return [.removePhase(phaseId: phase)]
        case .createLabel(let name):
            return outcome.resultId.map { [.upsertDefinition(DefinitionState(kind: .label, name: name, key: $0))] } ?? []
        case .createField(let name, _):
            return outcome.resultId.map { [.upsertDefinition(DefinitionState(kind: .field, name: name, key: $0))] } ?? []
        default:
            break
        }
        guard let key = step.provenance.recordKey ?? recordKey(of: step) else { return [] }
        var record = records[key] ?? RecordState(key: key)
        switch step.operation {
        case .createContact(let identity, let fields):
            record.identity = identity
            record.contactId = outcome.resultId
            record.contact = fields
        case .updateContact(let contact, _, let fields):
            record.contactId = contact
            record.contact = fields
        case .createCard(_, let phase, _, let name, let description, _, _, let due):
            record.cardId = outcome.resultId
            record.cardName = name
            record.cardDescription = description
            record.cardDue = due
            record.phaseId = resolve(phase)
        case .moveCard(let card, let phase), .restoreCard(let card, let phase):
            record.cardId = card
            record.phaseId = resolve(phase)
        case .archiveCard(let card):
            record.cardId = card
            record.target = .archive
        case .updateCard(let card, let name, let description, _, _, let due):
            record.cardId = card
            record.cardName = name
            record.cardDescription = description
            record.cardDue = due
        default:
            return []
        }
        records[key] = record
        return [.upsertRecord(record)]
    }

    /// `card["KEY"]` / `contact["KEY"]` → KEY.
    private func recordKey(of step: PlanStep) -> String? {
        guard let open = step.address.firstIndex(of: "["), step.address.hasSuffix("]"),
              step.address.hasPrefix("card[\"") || step.address.hasPrefix("contact[\"") else { return nil }
        let inner = step.address[step.address.index(after: open)..<step.address.index(before: step.address.endIndex)]
        guard inner.count >= 2 else { return nil }
        return String(inner.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }

    func report(runId: String, plan: Plan, seconds: Double, apiCalls: Int) -> ApplyReport {
        let failed = plan.steps.compactMap { step -> ApplyReport.Failure? in
            guard status[step.id] == .failed else { return nil }
            return ApplyReport.Failure(step: step.id, action: step.action.rawValue, address: step.address,
                                       error: errors[step.id] ?? "failed")
        }
        let skipped = plan.steps.compactMap { step -> ApplyReport.Skip? in
            guard status[step.id] == .skipped else { return nil }
            return ApplyReport.Skip(step: step.id, action: step.action.rawValue, address: step.address,
                                    blockedBy: blockedBy[step.id] ?? [])
        }
        let done = plan.steps.filter { status[$0.id] == .done }.count
        return ApplyReport(runId: runId, done: done, adopted: adoptedCount, failed: failed, skipped: skipped,
                           seconds: seconds, apiCalls: apiCalls, serial: 0)
    }
}

extension StepOperation {
    /// The existing phase a step acts on.
    var phaseId: String? {
        switch self {
        case .renamePhase(let phase, _), .movePhase(_, let phase, _), .deletePhase(let phase): phase
        default: nil
        }
    }
}
