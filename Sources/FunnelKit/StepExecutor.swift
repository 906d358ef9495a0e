import FunnelCore
import Logging
import WixAPI

struct StepContext: Sendable {
    let client: WixClient
    let cardSource: String
    let progress: ApplyProgress
    let logger: Logger
    /// The workflow of a plan made against an existing one (phase deletions need it).
    let workflowId: String?
    /// `contact.country`: sent as the `countryCode` of the phones funnel writes.
    var country: String? = nil
    /// The plan's labels and custom fields, keys known or learned by its definition steps.
    var definitions: [DefinitionBinding] = []
}

/// What a step learned: the id it created (or found), and whether it found rather than created.
struct StepOutcome: Sendable {
    var resultId: String?
    var adopted = false
    var note: String?
    var winPhaseId: String?
}

/// Performs one step's Wix calls. Creates are the delicate part: a create is only repeated after
/// Wix was asked whether the first attempt took effect.
struct StepExecutor {
    let context: StepContext
    var client: WixClient { context.client }

    /// Attempts for a create whose outcome stayed unknown after the client's own retries.
    static let createAttempts = 3

    func perform(_ step: PlanStep, checkFirst: Bool) async throws -> StepOutcome {
        switch step.operation {
        case .createWorkflow(let name, let description):
            return try await createWorkflow(name: name, description: description, checkFirst: checkFirst)
        case .updateWorkflow(let workflow, let name, let description):
            try await client.updateWorkflow(id: workflow, name: name, description: description)
        case .createPhase(let workflow, let name, let position):
            return try await createPhase(workflow: try await resolve(workflow), name: name, position: position,
                                         checkFirst: checkFirst)
        case .renamePhase(let phase, let name):
            try await client.renamePhase(id: phase, name: name)
        case .movePhase(let workflow, let phase, let position):
            return try await movePhase(phase, to: position, workflow: workflow)
        case .deletePhase(let phase):
            return try await deletePhase(phase, step: step)
        case .createLabel(let name):
            return StepOutcome(resultId: try await client.findOrCreateLabel(displayName: name).key)
        case .createField(let name, let type):
            let field = try await client.findOrCreateExtendedField(displayName: name, dataType: type.wixDataType)
            guard CustomFieldType(wixDataType: field.dataType) == type else {
                throw FunnelError("custom field \"\(name)\" is \(type.rawValue) in contact.custom, but Wix has it (key \(field.key)) as \(field.dataType.lowercased())")
            }
            return StepOutcome(resultId: field.key)
        case .createContact(let identity, let fields):
            return try await createContact(identity: identity, fields: fields, checkFirst: checkFirst)
        case .updateContact(let contact, _, _):
            return try await updateContact(contact, step: step)
        case .createCard(let workflow, let phase, let contact, let name, let description, let source, _, let due):
            let card = CardFields(name: name, description: description ?? "", contactId: try await resolve(contact),
                                  source: source, dueDate: due.flatMap { ISODate.parse($0 + "T00:00:00Z") })
            return try await createCard(workflow: try await resolve(workflow), phase: try await resolve(phase), card: card,
                                        checkFirst: checkFirst)
        case .moveCard(let card, let phase):
            try await client.moveCard(id: card, phaseId: try await resolve(phase))
        case .archiveCard(let card):
            try await client.archiveCard(id: card)
        case .restoreCard(let card, let phase):
            try await client.restoreCard(id: card, phaseId: try await resolve(phase))
        case .updateCard(let card, let name, let description, let contact, let source, let due):
            try await client.updateCard(id: card, info: CardFields(name: name, description: description ?? "",
                                                                   contactId: try await resolve(contact), source: source,
                                                                   dueDate: due.flatMap { ISODate.parse($0 + "T00:00:00Z") }))
        }
        return StepOutcome()
    }

    /// The keys of the plan's labels and custom fields, as far as known now.
    private func extras() async -> ContactExtras {
        var extras = ContactExtras()
        for binding in context.definitions {
            guard let key = await context.progress.resolve(binding.key) else { continue }
            switch binding.kind {
            case .label: extras.labelKeys[binding.name] = key
            case .field: extras.fields[binding.name] = (key, binding.type ?? .text)
            }
        }
        return extras
    }

    private func resolve(_ ref: IDRef) async throws -> String {
        guard let id = await context.progress.resolve(ref) else {
            throw FunnelError("internal: \(ref) is not known yet")
        }
        return id
    }

    // MARK: Creates, checked before they are repeated

    /// Runs `create`; when its outcome is unknown (or the run was interrupted while it was in flight),
    /// asks `find` first and only repeats the create when Wix holds nothing.
    private func createChecked(checkFirst: Bool, find: () async throws -> String?,
                               create: () async throws -> String) async throws -> (id: String, adopted: Bool) {
        if checkFirst, let found = try await find() { return (found, true) }
        var attempt = 1
        while true {
            do {
                return (try await create(), false)
            } catch let error as WixError where error.outcomeUnknown || error.isRetryable {
                context.logger.info("create outcome unknown; checking Wix before repeating", metadata: ["error": "\(error)"])
                if let found = try await find() { return (found, true) }
                attempt += 1
                if attempt > Self.createAttempts { throw error }
            }
        }
    }

    private func createWorkflow(name: String, description: String?, checkFirst: Bool) async throws -> StepOutcome {
        let (id, adopted) = try await createChecked(checkFirst: checkFirst, find: {
            try await client.workflows().collect().first { $0.name == name }?.id
        }, create: {
            try await client.createWorkflow(name: name, description: description ?? "")
        })
        let workflow = try await client.getWorkflow(id: id, cardsPerPhase: 0)
        return StepOutcome(resultId: id, adopted: adopted, winPhaseId: workflow.winPhase.id)
    }

    private func createPhase(workflow: String, name: String, position: Int, checkFirst: Bool) async throws -> StepOutcome {
        let (id, adopted) = try await createChecked(checkFirst: checkFirst, find: {
            try await client.phases(workflowId: workflow).collect().first { $0.name == name }?.id
        }, create: {
            try await client.createPhase(workflowId: workflow, name: name, position: position)
        })
        return StepOutcome(resultId: id, adopted: adopted)
    }

    private func createContact(identity: ContactIdentity, fields: DesiredContact, checkFirst: Bool) async throws -> StepOutcome {
        let country = context.country
        var info = ContactWriter.info(for: fields, identity: identity, country: country)
        try await extras().apply(fields, to: &info)
        let find: () async throws -> String? = {
            var live = LiveState()
            try await LiveReader(client: client, country: country).lookUpContacts([identity], into: &live)
            return live.contactIdsByIdentity[identity]
        }
        do {
            let (id, adopted) = try await createChecked(checkFirst: checkFirst, find: find, create: {
                try await client.createContact(info).id
            })
            return StepOutcome(resultId: id, adopted: adopted)
        } catch let error as WixError where error.isDuplicateContact {
            // The contact exists (made by an earlier attempt, or by someone else): adopt it. Wix's error
            // data names it; when it does not, the identity finds it.
            var existing = error.duplicateContactId
            if existing == nil { existing = try await find() }
            guard let existing else { throw error }
            return StepOutcome(resultId: existing, adopted: true, note: "contact already existed")
        }
    }

    private func createCard(workflow: String, phase: String, card: CardFields, checkFirst: Bool) async throws -> StepOutcome {
        let find: () async throws -> String? = {
            async let active = client.cards(workflowId: workflow, contactId: card.contactId, archived: false).collect()
            async let archived = client.cards(workflowId: workflow, contactId: card.contactId, archived: true).collect()
            let mine = try await (active + archived).filter { $0.info.source == card.source }
            return mine.first?.id
        }
        do {
            let (id, adopted) = try await createChecked(checkFirst: checkFirst, find: find, create: {
                try await client.createCard(workflowId: workflow, phaseId: phase, card: card)
            })
            return StepOutcome(resultId: id, adopted: adopted)
        } catch let error as WixError where error.status == 409 {
            // One active card per contact: if it is ours, an earlier attempt made it.
            if let found = try await find() { return StepOutcome(resultId: found, adopted: true, note: "card already existed") }
            throw error
        }
    }

    // MARK: Checked updates and deletes

    /// Read-modify-write: the fields the plan changes are written over a fresh read, so a
    /// contact's other emails, phones or fields are never lost and a stale revision is retried.
    /// Labels alone go through Label / Unlabel Contact (no read, no revision: fewer calls); with any
    /// field change they ride along in the one update.
    private func updateContact(_ id: String, step: PlanStep) async throws -> StepOutcome {
        var changes = step.after ?? [:]
        changes["labels"] = nil
        let extras = await self.extras()
        let labels = step.labelChange
        let adding = try (labels?.adding ?? []).map(extras.labelKey), removing = try (labels?.removing ?? []).map(extras.labelKey)
        if step.changesLabelsAlone {
            if !adding.isEmpty { try await client.labelContact(id: id, labelKeys: adding) }
            if !removing.isEmpty { try await client.unlabelContact(id: id, labelKeys: removing) }
            return StepOutcome(resultId: id)
        }
        var custom: [(key: String, value: JSONValue)] = []
        for name in Array(changes.keys) where extras.fields[name] != nil {
            let field = try extras.field(name)
            custom.append((field.key, ContactExtras.wireValue(changes.removeValue(forKey: name) ?? "", type: field.type)))
        }
        for attempt in 1...3 {
            let current = try await client.getContact(id: id)
            var update = ContactWriter.update(changes, to: current, country: context.country)
            for (key, value) in custom { update.setExtendedField(key, value) }
            if !adding.isEmpty || !removing.isEmpty { update.changeLabels(adding: adding, removing: removing) }
            do {
                _ = try await client.updateContact(id: id, revision: current.revision, update: update)
                return StepOutcome(resultId: id)
            } catch let error as WixError where error.isRevisionMismatch && attempt < 3 {
                continue
            }
        }
        return StepOutcome(resultId: id)
    }

    /// Moves a phase and checks where it landed (`PhaseMove`).
    private func movePhase(_ phase: String, to position: Int, workflow: String) async throws -> StepOutcome {
        let corrected = try await PhaseMove.move(client, workflow: workflow, phase: phase, to: position)
        return StepOutcome(note: corrected ? "position corrected: this site counts Move Phase positions before removal" : nil)
    }

    /// Deletes a phase only after checking it holds no active card (deleting a phase deletes its cards).
    private func deletePhase(_ phase: String, step: PlanStep) async throws -> StepOutcome {
        guard let workflow = context.workflowId else {
            try await client.deletePhase(id: phase)
            return StepOutcome(resultId: phase)
        }
        let remaining = try await client.cards(workflowId: workflow, phaseId: phase).collect()
        guard remaining.isEmpty else {
            throw FunnelError("phase still holds \(remaining.count) card(s) (e.g. \"\(remaining[0].info.name ?? remaining[0].id)\"); not deleted, so no card is lost")
        }
        try await client.deletePhase(id: phase)
        return StepOutcome(resultId: phase)
    }
}
