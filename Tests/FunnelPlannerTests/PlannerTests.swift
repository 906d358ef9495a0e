import Foundation
import FunnelCore
import Testing
@testable import FunnelPlanner

@Suite("Planner")
struct PlannerTests {
    @Test("empty site: workflow, phases in order, contacts, cards")
    func emptySite() throws {
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified")), Fixture.lead("bob", .win)]),
                                    LiveState(), StateSnapshot.empty(lineage: "x"))
        #expect(plan.lines == [
            "create_workflow workflow",
            "create_phase phase[\"New Lead\"]", "create_phase phase[\"Contacted\"]", "create_phase phase[\"Qualified\"]",
            "create_phase phase[\"Proposal Sent\"]", "create_phase phase[\"Negotiating\"]",
            "create_contact contact[\"ann\"]", "create_contact contact[\"bob\"]",
            "create_card card[\"ann\"]", "create_card card[\"bob\"]",
        ])
        let positions = plan.steps.compactMap { step -> Int? in
            if case .createPhase(_, _, let position) = step.operation { return position }
            return nil
        }
        #expect(positions == [0, 1, 2, 3, 4])
        guard case .createCard(let workflow, let phase, let contact, _, _, let source, _, _) = plan.steps[8].operation else {
            Issue.record("expected a card create"); return
        }
        #expect(workflow == .created(step: 1))
        #expect(phase == .created(step: 4))
        #expect(contact == .created(step: 7))
        #expect(source == "My CRM")
        #expect(plan.steps[8].dependsOn == [1, 4, 7])
        guard case .createCard(_, let winPhase, _, _, _, _, _, _) = plan.steps[9].operation else {
            Issue.record("expected the won lead's card create at step 9, got \(plan.steps[9].operation)"); return
        }
        #expect(winPhase == .winPhaseOf(step: 1))
        #expect(plan.summary.line == "Plan: 10 to create, 0 to move, 0 to update, 0 to archive.")
    }

    /// One change at a time against a converged site holding ann (Qualified) and bob (Contacted).
    @Test("each kind of change alone", arguments: [
        ("stage change", [Fixture.lead("ann", .phase("Proposal Sent")), Fixture.lead("bob", .phase("Contacted"))],
         ["move_card card[\"ann\"]"]),
        ("won", [Fixture.lead("ann", .win), Fixture.lead("bob", .phase("Contacted"))], ["win_card card[\"ann\"]"]),
        ("lost", [Fixture.lead("ann", .archive), Fixture.lead("bob", .phase("Contacted"))], ["archive_card card[\"ann\"]"]),
        ("record removed", [Fixture.lead("bob", .phase("Contacted"))], ["archive_card card[\"ann\"]"]),
        ("field change", [Fixture.lead("ann", .phase("Qualified"), name: "Ann Arbor"), Fixture.lead("bob", .phase("Contacted"))],
         ["update_card card[\"ann\"]"]),
        ("contact field change", [Fixture.lead("ann", .phase("Qualified"), first: "Annie"), Fixture.lead("bob", .phase("Contacted"))],
         ["update_contact contact[\"ann\"]"]),
        ("nothing", [Fixture.lead("ann", .phase("Qualified")), Fixture.lead("bob", .phase("Contacted"))], []),
    ])
    func singleChange(name: String, leads: [DesiredLead], expected: [String]) throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Qualified"), Fixture.card("bob", in: "Contacted")],
                                contacts: ["ann", "bob"])
        let state = Fixture.state([Fixture.remembered("ann", phase: "Qualified"), Fixture.remembered("bob", phase: "Contacted")])
        let plan = try Fixture.plan(Fixture.desired(leads), live, state, policy: PlanPolicy(maxArchive: .count(10)))
        #expect(plan.lines == expected, "\(name)")
    }

    @Test("a lost lead that comes back is restored")
    func restore() throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Qualified", archived: true)], contacts: ["ann"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Contacted"))]), live,
                                    Fixture.state([Fixture.remembered("ann", phase: "Qualified")]))
        #expect(plan.lines == ["restore_card card[\"ann\"]"])
        #expect(plan.steps[0].operation == .restoreCard(card: "card-ann", phase: .id("p-contacted")))
    }

    @Test("state lost: adopt contacts and owned cards, zero creates")
    func adoption() throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Qualified"), Fixture.card("bob", in: "Win")],
                                contacts: ["ann", "bob"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified")), Fixture.lead("bob", .win)]),
                                    live, StateSnapshot.empty(lineage: "new"))
        #expect(plan.lines.isEmpty)
    }

    @Test("a phase renamed through was is renamed, not recreated")
    func renameThroughWas() throws {
        let live = Fixture.live(phases: ["New Lead", "Contacted", "Warm", "Proposal Sent", "Negotiating"])
        var phases = Fixture.phases.map { DesiredPhase(name: $0) }
        phases[2].was = ["Warm"]
        let plan = try Fixture.plan(Fixture.desired([], phases: phases), live, StateSnapshot.empty(lineage: "x"))
        #expect(plan.lines == ["rename_phase phase[\"Qualified\"]"])
        #expect(plan.steps[0].operation == .renamePhase(phase: "p-warm", name: "Qualified"))
    }

    @Test("a card moving into a phase renamed in the same plan is shown moving to the new name")
    func moveIntoRenamedPhase() throws {
        let live = Fixture.live(phases: ["New Lead", "Contacted", "Warm", "Proposal Sent", "Negotiating"],
                                cards: [Fixture.card("ann", in: "Contacted")], contacts: ["ann"])
        var phases = Fixture.phases.map { DesiredPhase(name: $0) }
        phases[2].was = ["Warm"]
        var state = Fixture.state([Fixture.remembered("ann", phase: "Contacted")])
        state.phases = live.phases.map { PhaseState(phaseId: $0.id, name: $0.name) }
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified"))], phases: phases), live, state)
        #expect(plan.lines == ["rename_phase phase[\"Qualified\"]", "move_card card[\"ann\"]"])
        #expect(plan.steps[1].before == ["phase": "Contacted"])
        #expect(plan.steps[1].after == ["phase": "Qualified"])
    }

    @Test("reordering moves only the phases outside the longest ordered run")
    func reorder() throws {
        let live = Fixture.live(phases: ["Negotiating", "New Lead", "Contacted", "Qualified", "Proposal Sent"])
        let plan = try Fixture.plan(Fixture.desired([]), live, StateSnapshot.empty(lineage: "x"))
        #expect(plan.lines == ["move_phase phase[\"Negotiating\"]"])
        #expect(plan.steps[0].operation == .movePhase(workflow: "wf", phase: "p-negotiating", position: 4))
    }

    @Test("a new phase in the middle is created at its position")
    func insertPhase() throws {
        let live = Fixture.live(phases: ["New Lead", "Qualified", "Proposal Sent", "Negotiating"])
        let plan = try Fixture.plan(Fixture.desired([]), live, StateSnapshot.empty(lineage: "x"))
        #expect(plan.steps.map(\.operation) == [.createPhase(workflow: .id("wf"), name: "Contacted", position: 1)])
    }

    @Test("a removed phase: its cards move first, then it is deleted")
    func removePhaseWithCards() throws {
        let live = Fixture.live(phases: Fixture.phases + ["Nurture"], cards: [Fixture.card("ann", in: "Nurture")],
                                contacts: ["ann"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Contacted"))]), live,
                                    Fixture.state([Fixture.remembered("ann", phase: "Contacted")]))
        #expect(plan.lines == ["move_card card[\"ann\"]", "delete_phase phase[\"Nurture\"]"])
        #expect(plan.steps[1].dependsOn == [1])
    }

    @Test("a removed phase holding a card funnel does not own is kept")
    func removedPhaseWithUnownedCard() throws {
        let live = Fixture.live(phases: Fixture.phases + ["Nurture"],
                                cards: [Fixture.card("zed", in: "Nurture", source: "Wix Forms")], contacts: ["zed"])
        let plan = try Fixture.plan(Fixture.desired([]), live, StateSnapshot.empty(lineage: "x"))
        #expect(plan.lines.isEmpty)
        #expect(plan.notes.contains { $0.contains("Nurture") && $0.contains("kept") })
        #expect(plan.unowned.map(\.name) == ["Lead zed"])
    }

    @Test("a card moved by hand is moved back (revert) or left (keep)", arguments: [PlanPolicy.Drift.revert, .keep])
    func drift(policy: PlanPolicy.Drift) throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Negotiating")], contacts: ["ann"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified"))]), live,
                                    Fixture.state([Fixture.remembered("ann", phase: "Qualified")]),
                                    policy: PlanPolicy(drift: policy))
        #expect(plan.drift.count == 1)
        #expect(plan.lines == (policy == .revert ? ["move_card card[\"ann\"]"] : []))
    }

    @Test("a contact field a person changed in Wix is not overwritten")
    func fieldOwnership() throws {
        var live = Fixture.live(cards: [Fixture.card("ann", in: "Qualified")])
        Fixture.addContact("ann", to: &live, first: "Anne-Marie")
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified"), first: "Annie")]), live,
                                    Fixture.state([Fixture.remembered("ann", phase: "Qualified")]))
        #expect(plan.lines.isEmpty)
        #expect(plan.drift.map(\.address) == ["contact[\"ann\"]"])
    }

    @Test("unowned cards are listed and never touched; their contact blocks a second active card")
    func unowned() throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Contacted", source: "Wix Forms")], contacts: ["ann"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Qualified"))]), live,
                                    StateSnapshot.empty(lineage: "x"))
        #expect(plan.lines.isEmpty)
        #expect(plan.unowned.count == 1)
        #expect(plan.rejected.map(\.key) == ["ann"])
    }

    @Test("the blast-radius gate refuses large archives unless allowed")
    func gate() throws {
        let keys = (0..<10).map { "k\($0)" }
        let live = Fixture.live(cards: keys.map { Fixture.card($0, in: "Contacted") }, contacts: keys)
        let state = Fixture.state(keys.map { Fixture.remembered($0, phase: "Contacted") })
        let refused = try Fixture.plan(Fixture.desired([]), live, state)
        #expect(refused.gate?.refused == true)
        #expect(refused.steps.count == 10)
        let allowed = try Fixture.plan(Fixture.desired([]), live, state, policy: PlanPolicy(allowLargeChanges: true))
        #expect(allowed.gate?.refused == false)
        let kept = try Fixture.plan(Fixture.desired([]), live, state, policy: PlanPolicy(missing: .keep))
        #expect(kept.steps.isEmpty && kept.gate == nil)
    }

    @Test("more than 5,000 active cards is refused before anything is written")
    func activeCardLimit() throws {
        let leads = (0..<5001).map { Fixture.lead("k\($0)", .phase("New Lead")) }
        #expect(throws: PlanningError.self) {
            try Fixture.plan(Fixture.desired(leads), Fixture.live(), StateSnapshot.empty(lineage: "x"))
        }
    }

    @Test("longest increasing run", arguments: [
        ([4, 0, 1, 2, 3], [1, 2, 3, 4]), ([1, 2, 3, 0], [0, 1, 2]), ([], []), ([3, 2, 1], [2]),
    ])
    func lis(values: [Int], expected: [Int]) {
        #expect(longestIncreasingRun(values) == expected)
    }

    @Test("the saved plan pins the version of every object a step touches")
    func observed() throws {
        let live = Fixture.live(cards: [Fixture.card("ann", in: "Qualified")], contacts: ["ann"])
        let plan = try Fixture.plan(Fixture.desired([Fixture.lead("ann", .phase("Contacted"))]), live,
                                    Fixture.state([Fixture.remembered("ann", phase: "Qualified")]))
        #expect(plan.observed.contains { $0.kind == .card && $0.id == "card-ann" && $0.address == "card[\"ann\"]" })
        #expect(plan.observed.contains { $0.kind == .workflow })
    }
}

@Suite("Planner scopes and mirrored phases")
struct PlannerScopeTests {
    @Test("an incremental plan touches only its records: no other card is missing, no phase removed")
    func incremental() throws {
        let live = Fixture.live(phases: Fixture.phases + ["Nurture"],
                                cards: [Fixture.card("ann", in: "Qualified"), Fixture.card("bob", in: "Contacted")],
                                contacts: ["ann", "bob"])
        let state = Fixture.state([Fixture.remembered("ann", phase: "Qualified"), Fixture.remembered("bob", phase: "Contacted")])
        var desired = Fixture.desired([Fixture.lead("ann", .phase("Negotiating"))])
        desired.scope = .records(["ann"])
        let plan = try Fixture.plan(desired, live, state)
        #expect(plan.lines == ["move_card card[\"ann\"]"])
    }

    @Test("mirrored phases are matched by stage id: a relabelled stage is a rename")
    func stageRename() throws {
        let live = Fixture.live(phases: ["Appointment", "Qualified"])
        let state = StateSnapshot(lineage: "l", workflowId: "wf", phases: [
            PhaseState(phaseId: Fixture.phaseId("Appointment"), name: "Appointment", stageId: "appointmentscheduled"),
            PhaseState(phaseId: Fixture.phaseId("Qualified"), name: "Qualified", stageId: "qualifiedtobuy"),
        ])
        let phases = [DesiredPhase(name: "Meeting booked", stageId: "appointmentscheduled"),
                      DesiredPhase(name: "Qualified", stageId: "qualifiedtobuy")]
        let plan = try Fixture.plan(Fixture.desired([], phases: phases), live, state)
        #expect(plan.lines == ["rename_phase phase[\"Meeting booked\"]"])
        #expect(plan.steps[0].reason.contains("appointmentscheduled"))
        #expect(plan.phaseBindings.map(\.stageId) == ["appointmentscheduled", "qualifiedtobuy"])
    }
}
