public import Foundation
public import FunnelCore

/// Hand-built plans for unit tests of one rendering or document detail (fixed step indices, values
/// chosen to probe masking and escaping). The golden files are made by the real planner instead
/// (`GoldenScenarios.swift`).
public enum PlanFixtures {
    public static let all: [(name: String, plan: Plan)] = [
        ("empty", empty), ("first-apply", firstApply), ("every-action", everyAction),
        ("no-changes-with-reports", noChangesWithReports),
    ]

    public static let createdAt = Date(timeIntervalSince1970: 1_795_939_200) // 2026-11-29 08:00:00 UTC
    public static let config = "/home/ana/funnel/funnel.yaml"

    public static func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: "/home/ana/funnel/funnel.yaml", line: line, column: column)
    }

    public static func base(steps: [PlanStep], workflowId: String? = "wf-7c1e") -> Plan {
        Plan(createdAt: createdAt, funnelVersion: "0.1.0", configPath: config, configDigest: "c0ffee" + String(repeating: "0", count: 58),
             sourceDigest: "5eed" + String(repeating: "1", count: 60), stateLineage: "8f14e45f-ceea-467a-9575-4c4b5c2b0b1d",
             stateSerial: 4, workflowName: "Lead Funnel", workflowId: workflowId, steps: steps, recordCount: 12)
    }

    /// Nothing to do, nothing to report.
    public static var empty: Plan { base(steps: []) }

    /// An empty site: the workflow, its phases, contacts and cards are all created; phases mirror a pipeline.
    public static var firstApply: Plan {
        var steps: [PlanStep] = [
            PlanStep(id: 1, group: .workflow, action: .createWorkflow, address: "workflow",
                     after: ["name": "Lead Funnel", "description": "Shows where contacts are in the lead funnel."],
                     reason: "no workflow named \"Lead Funnel\" in Wix", provenance: Provenance(config: at(4, 3)),
                     operation: .createWorkflow(name: "Lead Funnel", description: "Shows where contacts are in the lead funnel.")),
        ]
        for (index, phase) in ["New Lead", "Contacted", "Qualified"].enumerated() {
            steps.append(PlanStep(id: 2 + index, group: .phases, action: .createPhase, address: "phase[\"\(phase)\"]",
                                  after: ["name": phase, "position": "\(index + 1)"], reason: "stage of pipeline Sales",
                                  provenance: Provenance(config: at(7, 12)), dependsOn: [1],
                                  operation: .createPhase(workflow: .created(step: 1), name: phase, position: index)))
        }
        steps.append(PlanStep(id: 5, group: .contacts, action: .createContact, address: "contact[\"L-001\"]",
                              after: ["first": "Ilse", "last": "Keller", "email": "ilse.keller@example.com",
                                      "phone": "+33 6 12 34 56 78"],
                              reason: "no Wix contact with this email",
                              provenance: Provenance(recordKey: "L-001", record: "leads.csv:2", config: at(18, 5)),
                              operation: .createContact(identity: ContactIdentity(kind: .email, value: "ilse.keller@example.com"),
                                                        fields: DesiredContact(first: "Ilse", last: "Keller",
                                                                               email: "ilse.keller@example.com",
                                                                               phone: "+33 6 12 34 56 78"))))
        steps.append(PlanStep(id: 6, group: .cardCreate, action: .createCard, address: "card[\"L-001\"]",
                              after: ["name": "Ilse Keller", "phase": "New Lead"], reason: "stage new maps to New Lead",
                              provenance: Provenance(recordKey: "L-001", record: "leads.csv:2", config: at(27, 14)),
                              dependsOn: [1, 2, 5],
                              operation: .createCard(workflow: .created(step: 1), phase: .created(step: 2),
                                                     contact: .created(step: 5), name: "Ilse Keller", description: nil,
                                                     source: "My CRM", recordKey: "L-001")))
        steps.append(PlanStep(id: 7, group: .cardCreate, action: .createCard, address: "card[\"L-002\"]",
                              after: ["name": "Bruno Diaz", "phase": "$win"], reason: "stage won maps to $win",
                              provenance: Provenance(recordKey: "L-002", record: "leads.csv:3", config: at(27, 70)),
                              dependsOn: [1],
                              operation: .createCard(workflow: .created(step: 1), phase: .winPhaseOf(step: 1),
                                                     contact: .id("c-5521"), name: "Bruno Diaz", description: "Acme",
                                                     source: "My CRM", recordKey: "L-002")))
        var plan = base(steps: steps, workflowId: nil)
        plan.stateSerial = 0
        plan.stateLineage = ""
        plan.recordCount = 2
        plan.pipeline = PipelineInfo(id: "1", name: "Sales", stages: [
            PipelineInfo.Stage(id: "11", label: "New Lead", kind: "open"),
            PipelineInfo.Stage(id: "12", label: "Contacted", kind: "open"),
            PipelineInfo.Stage(id: "13", label: "Qualified", kind: ""),
        ])
        plan.estimate = CallEstimate(apiCalls: 7, seconds: 2.1, basis: "200 requests/minute", planReadCalls: 3)
        plan.observed = []
        plan.bindings = [
            RecordBinding(key: "L-001", identity: ContactIdentity(kind: .email, value: "ilse.keller@example.com"),
                          contact: .created(step: 5), card: .created(step: 6), target: .phase("New Lead"),
                          phase: .created(step: 2),
                          contactFields: DesiredContact(first: "Ilse", last: "Keller", email: "ilse.keller@example.com",
                                                        phone: "+33 6 12 34 56 78"),
                          cardName: "Ilse Keller", cardDescription: nil),
            RecordBinding(key: "L-002", identity: ContactIdentity(kind: .email, value: "bruno@example.com"),
                          contact: .id("c-5521"), card: .created(step: 7), target: .win, phase: .winPhaseOf(step: 1),
                          contactFields: DesiredContact(first: "Bruno", last: "Diaz", email: "bruno@example.com"),
                          cardName: "Bruno Diaz", cardDescription: "Acme"),
        ]
        plan.phaseBindings = [
            PhaseBinding(name: "New Lead", stageId: "11", phase: .created(step: 2)),
            PhaseBinding(name: "Contacted", stageId: "12", phase: .created(step: 3)),
            PhaseBinding(name: "Qualified", stageId: nil, phase: .created(step: 4)),
        ]
        return plan
    }

    /// One step of every action, out of group order (the renderers sort), and every report section.
    public static var everyAction: Plan {
        let steps: [PlanStep] = [
            PlanStep(id: 1, group: .cardUpdate, action: .updateCard, address: "card[\"L-010\"]",
                     before: ["name": "Ilse K", "description": "Acme"], after: ["name": "Ilse Keller", "description": "Acme"],
                     reason: "name changed in the source",
                     provenance: Provenance(recordKey: "L-010", record: "leads.csv:11", config: at(25, 9)),
                     operation: .updateCard(card: "card-10", name: "Ilse Keller", description: "Acme", contact: .id("c-10"),
                                            source: "My CRM")),
            PlanStep(id: 2, group: .workflow, action: .updateWorkflow, address: "workflow",
                     before: ["description": "Old text"], after: ["description": "Shows where contacts are."],
                     reason: "description changed in funnel.yaml", provenance: Provenance(config: at(5, 16)),
                     operation: .updateWorkflow(workflow: "wf-7c1e", name: "Lead Funnel", description: "Shows where contacts are.")),
            PlanStep(id: 3, group: .phases, action: .renamePhase, address: "phase[\"Qualified\"]",
                     before: ["name": "Warm"], after: ["name": "Qualified"], reason: "was: [Warm]",
                     provenance: Provenance(config: at(10, 14)), operation: .renamePhase(phase: "ph-3", name: "Qualified")),
            PlanStep(id: 4, group: .phases, action: .movePhase, address: "phase[\"Negotiating\"]",
                     before: ["position": "2"], after: ["position": "4"], reason: "order in funnel.yaml",
                     provenance: Provenance(config: at(12, 7)),
                     operation: .movePhase(workflow: "wf-7c1e", phase: "ph-5", position: 3)),
            PlanStep(id: 5, group: .phases, action: .createPhase, address: "phase[\"Proposal Sent\"]",
                     after: ["name": "Proposal Sent", "position": "3"], reason: "new in funnel.yaml",
                     provenance: Provenance(config: at(11, 7)),
                     operation: .createPhase(workflow: .id("wf-7c1e"), name: "Proposal Sent", position: 2)),
            PlanStep(id: 6, group: .contacts, action: .updateContact, address: "contact[\"L-011\"]",
                     before: ["phone": "+1 555 010 9999", "company": "Initech"],
                     after: ["phone": "+1 555 010 2222", "company": "Initech"],
                     reason: "phone changed in the source",
                     provenance: Provenance(recordKey: "L-011", record: "leads.csv:12", config: at(19, 12)),
                     operation: .updateContact(contact: "c-11", revision: 3,
                                               fields: DesiredContact(phone: "+1 555 010 2222", company: "Initech",
                                                                      jobTitle: "CTO"))),
            PlanStep(id: 7, group: .cardMove, action: .moveCard, address: "card[\"L-014\"]",
                     before: ["phase": "Qualified"], after: ["phase": "Proposal Sent"],
                     reason: "stage qualified -> proposal",
                     provenance: Provenance(recordKey: "L-014", record: "leads.csv:15", config: at(27, 14)),
                     dependsOn: [5], operation: .moveCard(card: "card-14", phase: .created(step: 5))),
            PlanStep(id: 8, group: .cardMove, action: .winCard, address: "card[\"L-015\"]",
                     before: ["phase": "Negotiating"], after: ["phase": "Won"], reason: "stage won maps to $win",
                     provenance: Provenance(recordKey: "L-015", record: "leads.csv:16", config: at(28, 20)),
                     operation: .moveCard(card: "card-15", phase: .id("ph-win"))),
            PlanStep(id: 9, group: .cardArchive, action: .archiveCard, address: "card[\"L-016\"]",
                     before: ["phase": "Contacted"], reason: "stage lost maps to $archive",
                     provenance: Provenance(recordKey: "L-016", record: "leads.csv:17", config: at(28, 31)),
                     operation: .archiveCard(card: "card-16")),
            PlanStep(id: 10, group: .cardArchive, action: .archiveCard, address: "card[\"L-003\"]",
                     before: ["phase": "New Lead"], reason: "record gone from the source (policy.missing: archive)",
                     provenance: Provenance(recordKey: "L-003", config: at(36, 12)),
                     operation: .archiveCard(card: "card-3")),
            PlanStep(id: 11, group: .cardMove, action: .restoreCard, address: "card[\"L-017\"]",
                     before: ["phase": "archived"], after: ["phase": "Contacted"], reason: "lost lead is back: stage contacted",
                     provenance: Provenance(recordKey: "L-017", record: "leads.csv:18", config: at(27, 30)),
                     operation: .restoreCard(card: "card-17", phase: .id("ph-2"))),
            PlanStep(id: 12, group: .cardMove, action: .moveCard, address: "card[\"L-018\"]",
                     before: ["phase": "Contacted"], after: ["phase": "Qualified"],
                     reason: "moved by hand in Wix; policy.drift: revert", provenance: Provenance(recordKey: "L-018",
                     record: "leads.csv:19", config: at(37, 10)),
                     operation: .moveCard(card: "card-18", phase: .id("ph-3"))),
            PlanStep(id: 13, group: .phaseRemoval, action: .moveCard, address: "card[\"L-020\"]",
                     before: ["phase": "Cold"], after: ["phase": "New Lead"], reason: "phase Cold removed from funnel.yaml",
                     provenance: Provenance(recordKey: "L-020", record: "leads.csv:21", config: at(27, 14)),
                     operation: .moveCard(card: "card-20", phase: .id("ph-1"))),
            PlanStep(id: 14, group: .phaseRemoval, action: .deletePhase, address: "phase[\"Cold\"]",
                     before: ["name": "Cold"], reason: "removed from funnel.yaml and empty after the moves above",
                     provenance: Provenance(config: at(38, 15)), dependsOn: [13],
                     operation: .deletePhase(phase: "ph-9")),
        ]
        var plan = base(steps: steps)
        plan.drift = [
            DriftItem(address: "card[\"L-018\"]", description: "moved by hand from Qualified to Contacted", resolution: "revert"),
            DriftItem(address: "card[\"L-019\"]", description: "renamed by hand to \"VIP: call 06 98 76 54 32\"",
                      resolution: "keep"),
        ]
        plan.rejected = [
            RejectedRecord(key: "L-099", reason: "invalid email \"bob@@example\"", location: "leads.csv:42"),
            RejectedRecord(key: nil, reason: "missing key `id`", location: "leads.csv:50"),
            RejectedRecord(key: "L-031", reason: "contact carol@example.org is already claimed by L-030 in an active phase",
                           location: nil),
        ]
        plan.unowned = [
            UnownedCard(cardId: "card-x1", name: "Website lead | Dana", source: "Website", phase: "Contacted", archived: false),
            UnownedCard(cardId: "card-x2", name: "dave@example.net", source: nil, phase: nil, archived: true),
        ]
        plan.notes = ["2 cards are already in the win phase; the win phase is never created.",
                      "Planned on 2026-11-29 with 14 steps."]
        plan.observed = [
            ObservedObject(kind: .workflow, id: "wf-7c1e", address: "workflow",
                           version: "name=Lead Funnel;description=Old text"),
            ObservedObject(kind: .contact, id: "c-11", address: "contact[\"L-011\"]", version: "revision=3"),
        ]
        plan.estimate = CallEstimate(apiCalls: 14, seconds: 95, basis: "200 requests/minute", planReadCalls: 6)
        plan.gate = GateVerdict(refused: false, message: "this plan archives 2 cards (17% of the 12 owned cards), more than "
                                + "policy.max_archive allows: 1 card. Allowed by --allow-large-changes.")
        return plan
    }

    /// Nothing to change, but drift kept, rejected records and unowned cards to report.
    public static var noChangesWithReports: Plan {
        var plan = base(steps: [])
        plan.drift = [DriftItem(address: "card[\"L-004\"]", description: "moved by hand from New Lead to Contacted",
                                resolution: "keep")]
        plan.rejected = [RejectedRecord(key: "L-077", reason: "unmapped stage \"dormant\"", location: "leads.csv:78")]
        plan.unowned = [UnownedCard(cardId: "card-x9", name: "Walk-in", source: "Front desk", phase: "New Lead", archived: false)]
        return plan
    }
}
