import FunnelCore

/// A copy of a plan with every email and phone masked, so each renderer works on values that are
/// already safe to show. Values under `email`/`phone` keys are masked whole; free text token by token.
enum PlanMasking {
    static func masked(_ plan: Plan) -> Plan {
        var plan = plan
        plan.steps = plan.steps.map(masked)
        plan.drift = plan.drift.map {
            DriftItem(address: text($0.address), description: text($0.description), resolution: $0.resolution)
        }
        plan.rejected = plan.rejected.map(PersonalData.masked)
        plan.unowned = plan.unowned.map {
            UnownedCard(cardId: $0.cardId, name: text($0.name), source: $0.source, phase: $0.phase, archived: $0.archived)
        }
        plan.notes = plan.notes.map(text)
        plan.observed = plan.observed.map {
            ObservedObject(kind: $0.kind, id: $0.id, address: text($0.address), version: $0.version)
        }
        plan.gate = plan.gate.map { GateVerdict(refused: $0.refused, message: text($0.message)) }
        return plan
    }

    /// A rejected record's key, reason and location as free text (`funnel report` shows them too).
    static func masked(_ step: PlanStep) -> PlanStep {
        var step = step
        step.address = text(step.address)
        step.before = step.before.map(values)
        step.after = step.after.map(values)
        step.reason = text(step.reason)
        step.provenance.recordKey = step.provenance.recordKey.map(text)
        step.provenance.record = step.provenance.record.map(text)
        step.operation = masked(step.operation)
        return step
    }

    /// Display values: a key naming an email or a phone is masked whole, any other value as free text.
    static func values(_ values: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values { result[key] = maskedValue(value, under: key) }
        return result
    }

    static func maskedValue(_ value: String, under key: String) -> String {
        let key = key.lowercased()
        if key.contains("email") { return PersonalData.maskEmail(value) }
        if key.contains("phone") { return PersonalData.maskPhone(value) }
        return text(value)
    }

    static func text(_ value: String) -> String { PersonalData.maskText(value) }

    static func masked(_ operation: StepOperation) -> StepOperation {
        switch operation {
        case .createContact(let identity, let fields):
            return .createContact(identity: masked(identity), fields: masked(fields))
        case .updateContact(let contact, let revision, let fields):
            return .updateContact(contact: contact, revision: revision, fields: masked(fields))
        case .createCard(let workflow, let phase, let contact, let name, let description, let source, let recordKey, let due):
            return .createCard(workflow: workflow, phase: phase, contact: contact, name: text(name),
                               description: description.map(text), source: source, recordKey: text(recordKey), due: due)
        case .updateCard(let card, let name, let description, let contact, let source, let due):
            return .updateCard(card: card, name: text(name), description: description.map(text), contact: contact,
                               source: source, due: due)
        case .createLabel(let name):
            return .createLabel(name: text(name))
        case .createWorkflow, .updateWorkflow, .createPhase, .renamePhase, .movePhase, .deletePhase, .createField, .moveCard,
             .archiveCard, .restoreCard:
            return operation
        }
    }

    static func masked(_ identity: ContactIdentity) -> ContactIdentity {
        switch identity.kind {
        case .email: ContactIdentity(kind: .email, value: PersonalData.maskEmail(identity.value))
        case .phone: ContactIdentity(kind: .phone, value: PersonalData.maskPhone(identity.value))
        }
    }

    static func masked(_ fields: DesiredContact) -> DesiredContact {
        DesiredContact(first: fields.first.map(text), last: fields.last.map(text),
                       email: fields.email.map(PersonalData.maskEmail), phone: fields.phone.map(PersonalData.maskPhone),
                       company: fields.company.map(text), jobTitle: fields.jobTitle.map(text),
                       labels: fields.labels.map { $0.map(text) }, custom: fields.custom.map { $0.mapValues(text) })
    }
}
