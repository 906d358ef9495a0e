import FunnelCore
import Foundation

/// Wix and the state as they are before a golden plan, built from the leads the source maps to: a
/// synced lead's contact and card start equal to what the source says (as the last apply left them),
/// so each scenario spells out only what differs.
struct GoldenWorld {
    static let source = "My CRM"
    let leads: [String: DesiredLead]
    var live: LiveState
    var state: StateSnapshot

    /// A site holding `workflow` with `phases` (ids from `phaseId`) and the win phase, remembered by a
    /// state; without a workflow, an empty site and no state yet.
    init(_ leads: [DesiredLead], workflow: LiveWorkflow?, phases: [String] = []) {
        self.leads = Dictionary(leads.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let livePhases = phases.map { LivePhase(id: Self.phaseId($0), name: $0) }
        live = LiveState(workflow: workflow, phases: livePhases, winPhaseId: workflow == nil ? nil : Self.phaseId("Win"))
        state = workflow.map { workflow in
            StateSnapshot(lineage: "8f14e45f-ceea-467a-9575-4c4b5c2b0b1d", serial: 4, workflowId: workflow.id,
                          winPhaseId: Self.phaseId("Win"),
                          phases: livePhases.map { PhaseState(phaseId: $0.id, name: $0.name) })
        } ?? .empty(lineage: "")
    }

    /// `ph-new-lead`, `ph-win`.
    static func phaseId(_ name: String) -> String { "ph-" + name.lowercased().replacingOccurrences(of: " ", with: "-") }

    /// `L-010` → `10`: the number in the Wix ids of the lead's contact and card.
    static func number(_ key: String) -> String { String(key.drop { !$0.isNumber }.drop { $0 == "0" }) }

    /// The lead's contact in Wix (adopted or created earlier), equal to what the source says.
    @discardableResult
    mutating func contact(of key: String, id: String? = nil) -> LiveContact {
        let lead = leads[key]!
        let contact = LiveContact(id: id ?? "c-\(Self.number(key))", revision: 3, fields: lead.contact,
                                  updatedDate: "2026-11-28T09:00:00Z")
        live.contacts[contact.id] = contact
        live.contactIdsByIdentity[lead.identity] = contact.id
        return contact
    }

    /// A lead funnel applied earlier: its contact, its card in `phase` (or archived from it), and what
    /// the state remembers; `edit` then changes Wix or the memory.
    mutating func synced(_ key: String, in phase: String, archived: Bool = false,
                         edit: (inout LiveContact, inout LiveCard, inout RecordState) -> Void = { _, _, _ in }) {
        let lead = leads[key]!
        var contact = contact(of: key)
        var card = LiveCard(id: "card-\(Self.number(key))", name: lead.cardName, description: lead.cardDescription,
                            contactId: contact.id, source: Self.source, phaseId: Self.phaseId(phase), archived: archived,
                            updatedDate: "2026-11-28T09:15:00Z")
        var record = RecordState(key: key, identity: lead.identity, contactId: contact.id, cardId: card.id,
                                 contact: lead.contact, cardName: lead.cardName, cardDescription: lead.cardDescription,
                                 target: archived ? .archive : phase == "Win" ? .win : .phase(phase),
                                 phaseId: archived ? nil : card.phaseId)
        edit(&contact, &card, &record)
        live.contacts[contact.id] = contact
        live.cards.append(card)
        state.records[key] = record
        state.serial = 4
    }

    /// A record funnel applied earlier that has left the source: its card is still in `phase`.
    mutating func gone(_ key: String, name: String, email: String, in phase: String) {
        let identity = ContactIdentity(kind: .email, value: email)
        let contact = LiveContact(id: "c-\(Self.number(key))", revision: 1, fields: DesiredContact(email: email))
        live.contacts[contact.id] = contact
        live.contactIdsByIdentity[identity] = contact.id
        live.cards.append(LiveCard(id: "card-\(Self.number(key))", name: name, contactId: contact.id, source: Self.source,
                                   phaseId: Self.phaseId(phase), archived: false, updatedDate: "2026-11-20T16:40:00Z"))
        state.records[key] = RecordState(key: key, identity: identity, contactId: contact.id, cardId: "card-\(Self.number(key))",
                                         contact: contact.fields, cardName: name, target: .phase(phase),
                                         phaseId: Self.phaseId(phase))
    }

    /// A card someone else put in the workflow (another `source`, or none): reported, never touched.
    mutating func unowned(_ id: String, name: String, source: String?, in phase: String?) {
        live.cards.append(LiveCard(id: id, name: name, contactId: "c-\(id)", source: source,
                                   phaseId: phase.map(Self.phaseId), archived: phase == nil, updatedDate: "2026-11-02T11:00:00Z"))
    }
}
