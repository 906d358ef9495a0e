import Foundation
import FunnelCore
@testable import FunnelPlanner

/// Small builders for (desired, live, state) tables.
enum Fixture {
    static let phases = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"]
    static let source = "My CRM"

    static func lead(_ key: String, _ target: TargetRef, name: String? = nil, first: String? = nil) -> DesiredLead {
        DesiredLead(key: key, identity: ContactIdentity(kind: .email, value: "\(key)@example.com"),
                    contact: DesiredContact(first: first ?? key.capitalized, email: "\(key)@example.com"),
                    cardName: name ?? "Lead \(key)", target: target, stage: target.text,
                    provenance: Provenance(recordKey: key, record: "leads.csv:\(key.count)"))
    }

    static func desired(_ leads: [DesiredLead], phases: [DesiredPhase]? = nil) -> DesiredFunnel {
        DesiredFunnel(workflowName: "Lead Funnel", workflowDescription: "Shows where contacts are in the lead funnel.",
                      phases: phases ?? Fixture.phases.map { DesiredPhase(name: $0) }, cardSource: source, leads: leads)
    }

    /// A live workflow holding `phases` (ids `p-<name>`), the win phase `win`, and the given cards.
    static func live(phases: [String] = Fixture.phases, cards: [LiveCard] = [], contacts: [String] = []) -> LiveState {
        var live = LiveState(workflow: LiveWorkflow(id: "wf", name: "Lead Funnel", description: "Shows where contacts are in the lead funnel."),
                             phases: phases.map { LivePhase(id: phaseId($0), name: $0) }, winPhaseId: "win", cards: cards)
        for key in contacts { addContact(key, to: &live) }
        return live
    }

    static func addContact(_ key: String, to live: inout LiveState, first: String? = nil) {
        let identity = ContactIdentity(kind: .email, value: "\(key)@example.com")
        live.contacts["c-\(key)"] = LiveContact(id: "c-\(key)", revision: 1,
                                                fields: DesiredContact(first: first ?? key.capitalized, email: identity.value))
        live.contactIdsByIdentity[identity] = "c-\(key)"
    }

    static func phaseId(_ name: String) -> String { "p-" + name.lowercased().replacingOccurrences(of: " ", with: "-") }

    static func card(_ key: String, in phase: String?, archived: Bool = false, source: String? = Fixture.source,
                     name: String? = nil) -> LiveCard {
        LiveCard(id: "card-\(key)", name: name ?? "Lead \(key)", contactId: "c-\(key)", source: source,
                 phaseId: phase.map { $0 == "Win" ? "win" : phaseId($0) }, archived: archived, updatedDate: "2026-11-01T00:00:00Z")
    }

    static func state(_ records: [RecordState] = []) -> StateSnapshot {
        StateSnapshot(lineage: "test", workflowId: "wf", winPhaseId: "win",
                      phases: Fixture.phases.map { PhaseState(phaseId: phaseId($0), name: $0) },
                      records: Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0) }))
    }

    static func remembered(_ key: String, phase: String, name: String? = nil) -> RecordState {
        RecordState(key: key, identity: ContactIdentity(kind: .email, value: "\(key)@example.com"), contactId: "c-\(key)",
                    cardId: "card-\(key)", contact: DesiredContact(first: key.capitalized, email: "\(key)@example.com"),
                    cardName: name ?? "Lead \(key)", target: phase == "Win" ? .win : .phase(phase),
                    phaseId: phase == "Win" ? "win" : phaseId(phase))
    }

    static func plan(_ desired: DesiredFunnel, _ live: LiveState, _ state: StateSnapshot = Fixture.state(),
                     policy: PlanPolicy = PlanPolicy()) throws -> Plan {
        try Planner.plan(desired: desired, live: live, state: state, policy: policy,
                         context: PlanContext(createdAt: Date(timeIntervalSince1970: 0), funnelVersion: "test",
                                              configPath: "/tmp/funnel.yaml", configDigest: "c", sourceDigest: "s"))
    }
}

extension Plan {
    /// `action address` lines, the compact form the tables compare.
    var lines: [String] { steps.map { "\($0.action.rawValue) \($0.address)" } }
}
