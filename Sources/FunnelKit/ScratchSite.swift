import Foundation
import FunnelCore
import WixAPI

/// `funnel doctor --write`: a scratch workflow `funnel-doctor-<suffix>` with three phases and one
/// scratch contact settle each open reading of the docs; then both are deleted, whatever happened.
///
/// Each reading is a check with two halves: `variant` (the site answers the question the way the
/// sandbox variant of the same id does) and `ok` (funnel's own choice works here).
struct ScratchSite {
    let client: WixClient
    let suffix: String
    let stop: StopSignal?

    /// The scratch objects made so far (deleted at the end).
    final class Made: @unchecked Sendable {
        var workflow: String?
        var phases: [String] = []
        var contact: String?
        /// Scratch label and custom-field keys (site-wide definitions, deleted at the end too).
        var labels: [String] = []
        var fields: [String] = []
    }

    var email: String { "funnel-doctor-\(suffix)@example.com" }
    /// A fictional US number (555-01xx), entered the way a person types it: national, with its country.
    var nationalPhone: String { "(415) 555-01\(String(format: "%02d", (Int(suffix, radix: 16) ?? 0) % 100))" }
    var e164Phone: String { PhoneNumber.normalized(nationalPhone, country: "US")! }

    /// What a check needs made before it can run.
    enum Need { case nothing, workflow, phases, contact, phasesAndContact }

    struct Step {
        var id: String
        var assumes: String
        var needs: Need
        /// Which permission a failure most likely lacks.
        var permission: String
        var run: (Made) async throws -> DoctorCheck
    }

    var steps: [Step] {
        let workflows = Doctor.workflowsPermission, contacts = Doctor.manageContacts
        return [
            Step(id: "write-workflow", assumes: "the API key can create a workflow", needs: .nothing, permission: workflows,
                 run: createWorkflow),
            Step(id: WixReading.omitEmptyCollections.rawValue, assumes: "a list left out of a response reads as empty",
                 needs: .workflow, permission: workflows, run: omitEmpty),
            Step(id: "write-phases", assumes: "the API key can create phases", needs: .workflow, permission: workflows,
                 run: createPhases),
            Step(id: WixReading.pageLimit50.rawValue, assumes: "pages of 50 cards and phases are accepted", needs: .phases,
                 permission: workflows, run: pageLimit),
            Step(id: WixReading.movePhaseBeforeRemoval.rawValue, assumes: "a phase move, read back and corrected, lands where planned",
                 needs: .phases, permission: workflows, run: movePhase),
            Step(id: "write-contact", assumes: "the API key can create a contact", needs: .nothing, permission: contacts,
                 run: createContact),
            Step(id: WixReading.phoneFilterE164.rawValue, assumes: "a phone is found by its E.164 or national form, matched on e164Phone",
                 needs: .contact, permission: contacts, run: phoneFilter),
            Step(id: WixReading.emailCaseSensitive.rawValue, assumes: "emails written and queried in lowercase are found",
                 needs: .contact, permission: contacts, run: emailCase),
            Step(id: WixReading.inLimit100.rawValue, assumes: "contact look-ups of 100 values per $in are accepted",
                 needs: .contact, permission: contacts, run: inLimit),
            Step(id: WixReading.contactInfoReplace.rawValue, assumes: "an update sending the whole info keeps what funnel does not map",
                 needs: .contact, permission: contacts, run: infoReplace),
            Step(id: WixReading.definitionNameCaseInsensitive.rawValue,
                 assumes: "a label found or created by name has one key, whatever the case of the name",
                 needs: .nothing, permission: contacts, run: definitionNameCase),
            Step(id: WixReading.dateFieldTimestamp.rawValue, assumes: "a DATE custom field reads back as the day that was set",
                 needs: .contact, permission: contacts, run: dateField),
            Step(id: WixReading.extendedFieldsMerge.rawValue,
                 assumes: "an update sending every custom field as read keeps those funnel does not map",
                 needs: .contact, permission: contacts, run: extendedFieldsMerge),
            Step(id: WixReading.dueDateMillis.rawValue, assumes: "a card's due date reads back as the day that was set",
                 needs: .phasesAndContact, permission: workflows, run: dueDate),
            Step(id: WixReading.archivedCard404.rawValue, assumes: "an archived card is told from a deleted one by the archived listing",
                 needs: .phasesAndContact, permission: workflows, run: archivedCard),
        ]
    }

    func run() async -> [DoctorCheck] {
        let made = Made()
        var checks: [DoctorCheck] = []
        for step in steps {
            if stop?.isRequested == true {
                checks.append(DoctorCheck(id: step.id, assumes: step.assumes, detail: "not run: stopped (Ctrl-C)", ok: false))
                continue
            }
            let ready = switch step.needs {
            case .nothing: true
            case .workflow: made.workflow != nil
            case .phases: made.phases.count == 3
            case .contact: made.contact != nil
            case .phasesAndContact: made.phases.count == 3 && made.contact != nil
            }
            guard ready else {
                checks.append(DoctorCheck(id: step.id, assumes: step.assumes,
                                          detail: "not run: a scratch object it needs could not be made", ok: false))
                continue
            }
            do {
                var check = try await step.run(made)
                check.assumes = step.assumes
                checks.append(check)
            } catch {
                checks.append(DoctorCheck(id: step.id, assumes: step.assumes,
                                          detail: DoctorAdvice.explain(error, permission: step.permission), ok: false))
            }
        }
        checks.append(await cleanUp(made))
        return checks
    }

    // MARK: Workflow readings

    private func createWorkflow(_ made: Made) async throws -> DoctorCheck {
        made.workflow = try await client.createWorkflow(name: "funnel-doctor-\(suffix)", description: "funnel doctor scratch; safe to delete")
        return DoctorCheck(id: "write-workflow", assumes: "", detail: "created funnel-doctor-\(suffix)", ok: true)
    }

    private func omitEmpty(_ made: Made) async throws -> DoctorCheck {
        let id = made.workflow!
        let raw = try await client.probe("GET", "/workflows/v1/workflows/\(id)", query: [("cardsPerPhase", "0")])
        let omitted = raw[path: "workflow.phasesList.phases"] == nil
        let decoded = try await client.getWorkflow(id: id, cardsPerPhase: 0)
        return DoctorCheck(id: WixReading.omitEmptyCollections.rawValue, assumes: "",
                           detail: omitted ? "a new workflow's empty phasesList is left out; read as empty"
                               : "empty lists are sent as []",
                           variant: omitted, ok: decoded.phases.isEmpty)
    }

    private func createPhases(_ made: Made) async throws -> DoctorCheck {
        for name in ["A", "B", "C"] {
            made.phases.append(try await client.createPhase(workflowId: made.workflow!, name: name))
        }
        return DoctorCheck(id: "write-phases", assumes: "", detail: "created phases A, B, C", ok: true)
    }

    private func pageLimit(_ made: Made) async throws -> DoctorCheck {
        let id = made.workflow!
        var refused: [String] = []
        for (name, path) in [("List Phases", "phases"), ("List Cards", "cards")] {
            do {
                _ = try await client.probe("GET", "/workflows/v1/workflows/\(id)/\(path)", query: [("limit", "100")])
            } catch let error as WixError where error.status == 400 {
                refused.append(name)
            }
        }
        let phases = try await client.phases(workflowId: id).collect()
        _ = try await client.cards(workflowId: id).collect()
        return DoctorCheck(id: WixReading.pageLimit50.rawValue, assumes: "",
                           detail: refused.isEmpty ? "limit=100 accepted" : "limit=100 refused (400) by \(refused.joined(separator: ", ")); pages of 50 work",
                           variant: !refused.isEmpty, ok: phases.count == 3)
    }

    private func movePhase(_ made: Made) async throws -> DoctorCheck {
        let id = made.workflow!, (a, b, c) = (made.phases[0], made.phases[1], made.phases[2])
        try await client.movePhase(workflowId: id, phaseId: a, position: 2)
        let order = try await client.getWorkflow(id: id, cardsPerPhase: 0).phases.map(\.id)
        let before = order == [b, a, c]
        let answered = before ? "newPosition 2 put the first phase second: positions count before removal"
            : order == [b, c, a] ? "newPosition 2 put the first phase last: positions count after removal"
            : "newPosition 2 gave an unexpected order"
        try await client.movePhase(workflowId: id, phaseId: a, position: 0)
        _ = try await PhaseMove.move(client, workflow: id, phase: a, to: 2)
        let final = try await client.getWorkflow(id: id, cardsPerPhase: 0).phases.map(\.id)
        return DoctorCheck(id: WixReading.movePhaseBeforeRemoval.rawValue, assumes: "", detail: answered,
                           variant: before, ok: final == [b, c, a])
    }

    private func archivedCard(_ made: Made) async throws -> DoctorCheck {
        let card = try await client.createCard(workflowId: made.workflow!, phaseId: made.phases[0],
                                               card: CardFields(name: "funnel doctor", contactId: made.contact!, source: "funnel doctor"))
        try await client.archiveCard(id: card)
        var status = 200
        do {
            _ = try await client.probe("GET", "/workflows/v1/cards/\(card)")
        } catch let error as WixError where error.status == 404 {
            status = 404
        }
        let listed = try await client.cards(workflowId: made.workflow!, archived: true).collect().contains { $0.id == card }
        return DoctorCheck(id: WixReading.archivedCard404.rawValue, assumes: "",
                           detail: "Get Card on an archived card answered \(status)" + (listed ? "; the card is in the archived listing" : "; the archived listing does not hold it"),
                           variant: status == 404, ok: listed)
    }

    // MARK: Cleanup

    private func cleanUp(_ made: Made) async -> DoctorCheck {
        var problems: [String] = []
        if let workflow = made.workflow {
            do { try await client.deleteWorkflow(id: workflow) } catch {
                problems.append("workflow funnel-doctor-\(suffix) (\(workflow)) not deleted: \(error); delete it in the dashboard")
            }
        }
        problems += await deleteDefinitions(made)
        if let contact = made.contact {
            do { try await client.deleteContact(id: contact) } catch {
                problems.append("contact \(email) (\(contact)) not deleted: \(error); delete it in the dashboard")
            }
        }
        let what = [made.workflow.map { _ in "the scratch workflow" }, made.contact.map { _ in "the scratch contact" },
                    made.labels.isEmpty && made.fields.isEmpty ? nil : "the scratch labels and custom fields"].compactMap { $0 }
        return DoctorCheck(id: "cleanup", assumes: "the scratch workflow, contact, labels and custom fields are deleted again",
                           detail: problems.isEmpty ? (what.isEmpty ? "nothing to delete" : "deleted \(what.joined(separator: " and "))")
                               : problems.joined(separator: "; "),
                           ok: problems.isEmpty)
    }
}
