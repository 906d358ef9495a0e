import Foundation
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

@Suite("Cards against the sandbox")
struct CardOperationTests {
    /// A workflow with two phases, and its win phase id.
    func funnel(_ wix: WixClient) async throws -> (workflow: String, new: String, won: String, win: String) {
        let workflow = try await wix.createWorkflow(name: "Funnel")
        let new = try await wix.createPhase(workflowId: workflow, name: "New Lead")
        let won = try await wix.createPhase(workflowId: workflow, name: "Proposal")
        let win = try await wix.getWorkflow(id: workflow).winPhase.id
        return (workflow, new, won, win)
    }

    @Test("create, get, list by phase and by contact, move, archive, restore, delete")
    func cardLifecycle() async throws {
        try await withSandboxClient { wix, _ in
            let f = try await funnel(wix)
            let ada = try await wix.makeContact("Ada")
            let bob = try await wix.makeContact("Bob")
            let due = Date(timeIntervalSince1970: 1_800_000_000)
            let adaCard = try await wix.createCard(
                workflowId: f.workflow, phaseId: f.new,
                card: NewCard(name: "Ada Test", description: "ACME", contactId: ada.id, source: "My CRM", dueDate: due))
            let bobCard = try await wix.createCard(
                workflowId: f.workflow, phaseId: f.new,
                card: NewCard(name: "Bob Test", contactId: bob.id, source: "My CRM"), position: 0)

            let card = try #require(try await wix.getCard(id: adaCard))
            #expect(card.info.name == "Ada Test")
            #expect(card.info.description == "ACME")
            #expect(card.contactId == ada.id)
            #expect(card.phaseId == f.new)
            #expect(card.info.source == "My CRM")
            #expect(card.info.dueDate == due)

            #expect(try await wix.cards(workflowId: f.workflow, phaseId: f.new).collect().map(\.id) == [bobCard, adaCard])
            #expect(try await wix.cards(workflowId: f.workflow, contactId: bob.id).collect().map(\.id) == [bobCard])
            let preview = try await wix.getWorkflow(id: f.workflow, cardsPerPhase: 1).phases[0].cardsList
            #expect(preview?.cards.count == 1)
            #expect(preview?.total == 2)

            try await wix.moveCard(id: adaCard, phaseId: f.win)
            #expect(try await wix.getCard(id: adaCard)?.phaseId == f.win)
            try await wix.moveCard(id: bobCard, phaseId: f.won, position: 0)

            try await wix.archiveCard(id: bobCard)
            #expect(try await wix.getCard(id: bobCard) == nil)
            #expect(try await wix.cards(workflowId: f.workflow, archived: true).collect().map(\.id) == [bobCard])
            #expect(try await wix.cards(workflowId: f.workflow).collect().map(\.id) == [adaCard])

            try await wix.restoreCard(id: bobCard, phaseId: f.new)
            #expect(try await wix.getCard(id: bobCard)?.phaseId == f.new)

            try await wix.deleteCard(id: bobCard)
            let gone = await expectWixError { _ = try await wix.getCard(id: bobCard) }
            #expect(gone?.status == 404)
            #expect(gone?.target == .card(bobCard))
        }
    }

    @Test("update sends every field, so a replacing server keeps the contact")
    func updateSendsFullFieldSet() async throws {
        let strict = EmulatorOptions(strictness: .init(updateCardReplaces: true))
        try await withSandboxClient(strict) { wix, _ in
            let f = try await funnel(wix)
            let ada = try await wix.makeContact("Ada")
            let id = try await wix.createCard(
                workflowId: f.workflow, phaseId: f.new,
                card: NewCard(name: "Ada", description: "old", contactId: ada.id, source: "My CRM"))
            try await wix.updateCard(id: id, info: CardFields(name: "Ada T.", description: "new", contactId: ada.id, source: "My CRM"))
            let card = try #require(try await wix.getCard(id: id))
            #expect(card.info.name == "Ada T.")
            #expect(card.info.description == "new")
            #expect(card.contactId == ada.id)
            #expect(card.info.source == "My CRM")
        }
    }

    @Test("a second active card for a contact is a 409; an unknown card a 404")
    func cardErrors() async throws {
        try await withSandboxClient { wix, _ in
            let f = try await funnel(wix)
            let ada = try await wix.makeContact("Ada")
            let card = NewCard(name: "Ada", contactId: ada.id, source: "My CRM")
            _ = try await wix.createCard(workflowId: f.workflow, phaseId: f.new, card: card)
            let twice = await expectWixError { _ = try await wix.createCard(workflowId: f.workflow, phaseId: f.won, card: card) }
            #expect(twice?.status == 409)
            #expect(twice?.category == .conflict)
            #expect(twice?.target == .collection("cards", in: .phase(f.won)))

            for call in [
                { try await wix.moveCard(id: "ghost", phaseId: f.new) },
                { try await wix.archiveCard(id: "ghost") },
                { try await wix.restoreCard(id: "ghost", phaseId: f.new) },
                { try await wix.updateCard(id: "ghost", info: card) },
            ] as [@Sendable () async throws -> Void] {
                let error = await expectWixError(call)
                #expect(error?.status == 404)
                #expect(error?.target == .card("ghost"))
            }
        }
    }

    @Test("listing walks every page: 230 cards in pages of 50")
    func pagingAcrossPages() async throws {
        try await withSandboxClient { wix, sandbox in
            let f = try await funnel(wix)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<230 {
                    group.addTask {
                        let contact = try await wix.makeContact("Lead\(index)")
                        return try await wix.createCard(
                            workflowId: f.workflow, phaseId: index.isMultiple(of: 2) ? f.new : f.won,
                            card: NewCard(name: "Lead \(index)", contactId: contact.id, source: "My CRM"))
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            await sandbox.resetStats()
            let listed = try await wix.cards(workflowId: f.workflow).collect()
            #expect(Set(listed.map(\.id)) == ids)
            #expect(listed.count == 230)
            #expect(try await sandbox.stats().count(.listCards) == (230 + WixPageSize.cards - 1) / WixPageSize.cards)

            let inPhase = try await wix.cards(workflowId: f.workflow, phaseId: f.new).collect()
            #expect(inPhase.count == 115)
            #expect(inPhase.allSatisfy { $0.phaseId == f.new })
        }
    }
}
