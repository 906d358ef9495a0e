import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct CardContractTests {
    @Test func createAtPositionsShiftsAndDefaultsToBottom() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            _ = try await wix.createLead(id, phase, "B")
            _ = try await wix.createLead(id, phase, "D")
            _ = try await wix.createLead(id, phase, "A", position: 0)
            _ = try await wix.createLead(id, phase, "C", position: 2)
            #expect(try await wix.cardNames(id, phaseId: phase) == ["A", "B", "C", "D"])
        }
    }

    @Test func cardFieldsAsDocumented() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let contact = try await wix.createContact("ines@example.com")
            let created = try await wix.post("/workflows/v1/workflows/\(id)/phases/\(phase)/cards", """
                {"card": {"name": "Inès Brunet", "description": "New lead",
                          "primaryAttachment": {"contactId": "\(contact)"}, "source": "My CRM"}, "position": 1}
                """)
            let cardId = try #require(created.string("id"))
            let card = try await wix.get("/workflows/v1/cards/\(cardId)")
            #expect(card.string("card.info.name") == "Inès Brunet")
            #expect(card.string("card.info.description") == "New lead")
            #expect(card.string("card.info.primaryAttachment.contactId") == contact)
            #expect(card.string("card.info.primaryAttachment.value") == contact)
            #expect(card.string("card.info.primaryAttachment.attachmentType") == "ContactType")
            #expect(card.string("card.info.primaryAttachment.attachmentId") != nil)
            #expect(card.string("card.info.phaseId") == phase)
            let createdDate = try #require(card.string("card.info.createdDate"))
            #expect(createdDate.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(card.string("card.info.updatedDate") == createdDate)
            #expect(card.string("card.info.createdAt") == createdDate)
            #expect(try await wix.get("/workflows/v1/cards/nope").status == 404)
        }
    }

    @Test func createValidatesNameContactAndIds() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let contact = try await wix.createContact("a@example.com")
            let path = "/workflows/v1/workflows/\(id)/phases/\(phase)/cards"
            #expect(try await wix.post(path, #"{"card": {"primaryAttachment": {"contactId": "\#(contact)"}}}"#).status == 400)
            let noContact = try await wix.post(path, #"{"card": {"name": "X"}}"#)
            #expect(noContact.status == 400)
            #expect(noContact.string("details.validationError.fieldViolations.0.field") == "card.primaryAttachment.contactId")
            let unknown = try await wix.cardReply(id, phase, name: "X", contactId: "no-such-contact")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "CONTACT_NOT_FOUND")
            #expect(try await wix.cardReply(id, "nope", name: "X", contactId: contact).status == 404)
            #expect(try await wix.cardReply("nope", phase, name: "X", contactId: contact).status == 404)
            let other = try await wix.createWorkflow("Other")
            #expect(try await wix.cardReply(other, phase, name: "X", contactId: contact).status == 404)
        }
    }

    @Test func oneActiveCardPerContactPerWorkflow() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let win = try await wix.winPhase(id)
            let contact = try await wix.createContact("a@example.com")
            let first = try await wix.createCard(id, phase, name: "First", contactId: contact)
            let second = try await wix.cardReply(id, phase, name: "Second", contactId: contact)
            #expect(second.status == 409)
            #expect(second.errorCode == "CONTACT_ALREADY_HAS_ACTIVE_CARD")
            // Another workflow is fine.
            let other = try await wix.createWorkflow("Other")
            let otherPhase = try await wix.createPhase(other, "New")
            _ = try await wix.createCard(other, otherPhase, name: "Elsewhere", contactId: contact)
            // Moving to the win phase frees the contact …
            #expect(try await wix.post("/workflows/v1/cards/\(first)/move", #"{"newPhaseId": "\#(win)"}"#).status == 200)
            let replacement = try await wix.createCard(id, phase, name: "Second", contactId: contact)
            // … and moving the won card back is a conflict again.
            let back = try await wix.post("/workflows/v1/cards/\(first)/move", #"{"newPhaseId": "\#(phase)"}"#)
            #expect(back.status == 409)
            // Archiving frees it; restoring into an active phase conflicts; into the win phase does not.
            #expect(try await wix.post("/workflows/v1/cards/\(replacement)/archive").status == 200)
            let third = try await wix.createCard(id, phase, name: "Third", contactId: contact)
            #expect(try await wix.post("/workflows/v1/cards/\(replacement)/restore", #"{"newPhaseId": "\#(phase)"}"#).status == 409)
            #expect(try await wix.post("/workflows/v1/cards/\(replacement)/restore", #"{"newPhaseId": "\#(win)"}"#).status == 200)
            // Deleting frees it too.
            #expect(try await wix.delete("/workflows/v1/cards/\(third)").status == 200)
            _ = try await wix.createCard(id, phase, name: "Fourth", contactId: contact)
        }
    }

    @Test func activeCardLimitIs403AndWinPhaseCardsDoNotCount() async throws {
        try await withEmulator(EmulatorOptions(limits: .init(activeCardsPerWorkflow: 3))) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let win = try await wix.winPhase(id)
            var cards: [String] = []
            for name in ["A", "B", "C"] { cards.append(try await wix.createLead(id, phase, name)) }
            let contact = try await wix.createContact("d@example.com")
            let over = try await wix.cardReply(id, phase, name: "D", contactId: contact)
            #expect(over.status == 403)
            #expect(over.errorCode == "ACTIVE_CARDS_LIMIT_REACHED")
            _ = try await wix.createCard(id, win, name: "D", contactId: contact)  // inactive: allowed
            #expect(try await wix.post("/workflows/v1/cards/\(cards[0])/archive").status == 200)
            let restore = try await wix.post("/workflows/v1/cards/\(cards[0])/restore", #"{"newPhaseId": "\#(phase)"}"#)
            #expect(restore.status == 200)
            let won = try await wix.get("/workflows/v1/workflows/\(id)/cards?phaseId=\(win)").string("cards.0.info.id")!
            #expect(try await wix.post("/workflows/v1/cards/\(won)/move", #"{"newPhaseId": "\#(phase)"}"#).status == 403)
        }
    }

    @Test func archivedCardsOnlyWithFetchArchived() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let kept = try await wix.createLead(id, phase, "Kept")
            let gone = try await wix.createLead(id, phase, "Gone")
            #expect(try await wix.post("/workflows/v1/cards/\(gone)/archive").json == .object([:]))
            #expect(try await wix.post("/workflows/v1/cards/\(gone)/archive").status == 200)  // idempotent
            let active = try await wix.get("/workflows/v1/workflows/\(id)/cards")
            #expect(active.list("cards").compactMap { $0[path: "info.id"]?.stringValue } == [kept])
            let archived = try await wix.get("/workflows/v1/workflows/\(id)/cards?fetchArchived=true")
            #expect(archived.list("cards").compactMap { $0[path: "info.id"]?.stringValue } == [gone])
            #expect(archived.string("cards.0.info.phaseId") == phase)
            let inPhase = try await wix.get("/workflows/v1/workflows/\(id)/cards?fetchArchived=true&phaseId=\(phase)")
            #expect(inPhase.int("pagination.total") == 1)
            // Get Card on an archived card: 200 with an empty object.
            let get = try await wix.get("/workflows/v1/cards/\(gone)")
            #expect(get.status == 200)
            #expect(get.json == .object([:]))
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?fetchArchived=maybe").status == 400)
            // Archived cards cannot be moved or updated (without includeArchived).
            let move = try await wix.post("/workflows/v1/cards/\(gone)/move", #"{"newPhaseId": "\#(phase)"}"#)
            #expect(move.errorCode == "CARD_ARCHIVED")
            #expect(try await wix.patch("/workflows/v1/cards/\(gone)", #"{"cardInfo": {"name": "X"}}"#).status == 400)
            #expect(try await wix.patch("/workflows/v1/cards/\(gone)?includeArchived=true", #"{"cardInfo": {"name": "X"}}"#).status == 200)
        }
    }

    @Test func strictArchivedGetAndPhaseFilter() async throws {
        let strict = EmulatorStrictness(rejectPhaseFilterOnArchived: true)
        try await withEmulator(EmulatorOptions(strictness: strict, variants: [.archivedCard404])) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let card = try await wix.createLead(id, phase, "Gone")
            _ = try await wix.post("/workflows/v1/cards/\(card)/archive")
            #expect(try await wix.get("/workflows/v1/cards/\(card)").status == 404)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?fetchArchived=true&phaseId=\(phase)").status == 400)
        }
    }

    @Test func restoreNeedsPhaseAndAnArchivedCard() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let a = try await wix.createPhase(id, "A")
            let b = try await wix.createPhase(id, "B")
            let card = try await wix.createLead(id, a, "Ann")
            _ = try await wix.createLead(id, b, "Bob")
            let notArchived = try await wix.post("/workflows/v1/cards/\(card)/restore", #"{"newPhaseId": "\#(b)"}"#)
            #expect(notArchived.errorCode == "CARD_NOT_ARCHIVED")
            _ = try await wix.post("/workflows/v1/cards/\(card)/archive")
            let missing = try await wix.post("/workflows/v1/cards/\(card)/restore", "{}")
            #expect(missing.status == 400)
            #expect(missing.string("details.validationError.fieldViolations.0.field") == "newPhaseId")
            #expect(try await wix.post("/workflows/v1/cards/\(card)/restore", #"{"newPhaseId": "nope"}"#).status == 404)
            let restored = try await wix.post("/workflows/v1/cards/\(card)/restore", #"{"newPhaseId": "\#(b)", "newPosition": 0}"#)
            #expect(restored.status == 200)
            #expect(restored.json == .object([:]))
            #expect(try await wix.cardNames(id, phaseId: b) == ["Ann", "Bob"])
            #expect(try await wix.get("/workflows/v1/cards/\(card)").string("card.info.phaseId") == b)
        }
    }

    @Test func moveWithinAndAcrossPhases() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let a = try await wix.createPhase(id, "A")
            let b = try await wix.createPhase(id, "B")
            let one = try await wix.createLead(id, a, "One")
            _ = try await wix.createLead(id, a, "Two")
            _ = try await wix.createLead(id, a, "Three")
            #expect(try await wix.post("/workflows/v1/cards/\(one)/move", #"{"newPhaseId": "\#(a)", "newPosition": 2}"#).status == 200)
            #expect(try await wix.cardNames(id, phaseId: a) == ["Two", "Three", "One"])
            #expect(try await wix.post("/workflows/v1/cards/\(one)/move", #"{"newPhaseId": "\#(b)"}"#).status == 200)
            #expect(try await wix.cardNames(id, phaseId: a) == ["Two", "Three"])
            #expect(try await wix.cardNames(id, phaseId: b) == ["One"])
            let card = try await wix.get("/workflows/v1/cards/\(one)")
            #expect(card.string("card.info.phaseId") == b)
            #expect(try await wix.post("/workflows/v1/cards/\(one)/move", "{}").status == 400)
            #expect(try await wix.post("/workflows/v1/cards/nope/move", #"{"newPhaseId": "\#(b)"}"#).status == 404)
            let other = try await wix.createWorkflow("Other")
            let foreign = try await wix.createPhase(other, "X")
            #expect(try await wix.post("/workflows/v1/cards/\(one)/move", #"{"newPhaseId": "\#(foreign)"}"#).status == 404)
        }
    }

    @Test func updateMergesByDefaultAndReplacesWhenStrict() async throws {
        for replaces in [false, true] {
            try await withEmulator(EmulatorOptions(strictness: .init(updateCardReplaces: replaces))) { sandbox async throws in
                let wix = SandboxHTTP(sandbox)
                let id = try await wix.createWorkflow()
                let phase = try await wix.createPhase(id, "New")
                let contact = try await wix.createContact("a@example.com")
                let card = try await wix.post("/workflows/v1/workflows/\(id)/phases/\(phase)/cards",
                    #"{"card": {"name": "A", "source": "My CRM", "primaryAttachment": {"contactId": "\#(contact)"}}}"#).string("id")!
                let updated = try await wix.patch("/workflows/v1/cards/\(card)", #"{"cardInfo": {"name": "B"}}"#)
                #expect(updated.status == 200)
                #expect(updated.json == .object([:]))
                let reply = try await wix.get("/workflows/v1/cards/\(card)")
                #expect(reply.string("card.info.name") == "B")
                #expect(reply.string("card.info.source") == (replaces ? nil : "My CRM"))
                #expect(reply.string("card.info.primaryAttachment.contactId") == (replaces ? nil : contact))
                #expect(try await wix.patch("/workflows/v1/cards/nope", #"{"cardInfo": {}}"#).status == 404)
            }
        }
    }

    @Test func updateToAContactWithAnActiveCardConflicts() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let ann = try await wix.createContact("ann@example.com")
            let bob = try await wix.createContact("bob@example.com")
            _ = try await wix.createCard(id, phase, name: "Ann", contactId: ann)
            let card = try await wix.createCard(id, phase, name: "Bob", contactId: bob)
            let reply = try await wix.patch("/workflows/v1/cards/\(card)", #"{"cardInfo": {"primaryAttachment": {"contactId": "\#(ann)"}}}"#)
            #expect(reply.status == 409)
            #expect(try await wix.get("/workflows/v1/cards/\(card)").string("card.info.primaryAttachment.contactId") == bob)
        }
    }

    @Test func listFiltersPagesAndSorts() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let a = try await wix.createPhase(id, "A")
            let b = try await wix.createPhase(id, "B")
            let win = try await wix.winPhase(id)
            let contact = try await wix.createContact("w@example.com")
            _ = try await wix.createCard(id, win, name: "Won", contactId: contact)
            for index in 0..<3 { _ = try await wix.createLead(id, b, "B\(index)") }
            for index in 0..<3 { _ = try await wix.createLead(id, a, "A\(index)") }
            let all = try await wix.get("/workflows/v1/workflows/\(id)/cards")
            // Display order: phases left to right, the win phase last.
            #expect(all.list("cards").compactMap { $0[path: "info.name"]?.stringValue } == ["A0", "A1", "A2", "B0", "B1", "B2", "Won"])
            #expect(all["pagination"] == .object(["offset": .number(0), "limit": .number(50), "total": .number(7), "count": .number(7)]))
            let page = try await wix.get("/workflows/v1/workflows/\(id)/cards?limit=3&offset=2")
            #expect(page.list("cards").compactMap { $0[path: "info.name"]?.stringValue } == ["A2", "B0", "B1"])
            let mine = try await wix.get("/workflows/v1/workflows/\(id)/cards?attachmentValue=\(contact)")
            #expect(mine.list("cards").compactMap { $0[path: "info.name"]?.stringValue } == ["Won"])
            let sorted = try await wix.get("/workflows/v1/workflows/\(id)/cards?sort=name:desc&limit=2")
            #expect(sorted.list("cards").compactMap { $0[path: "info.name"]?.stringValue } == ["Won", "B2"])
            #expect(sorted.int("pagination.total") == 7)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?limit=101").status == 400)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?limit=100").status == 200)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?sort=position:asc").status == 400)
            #expect(try await wix.get("/workflows/v1/workflows/\(id)/cards?phaseId=nope").status == 404)
            #expect(try await wix.get("/workflows/v1/workflows/nope/cards").status == 404)
        }
    }

    @Test func deleteCardIsPermanent() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createWorkflow()
            let phase = try await wix.createPhase(id, "New")
            let card = try await wix.createLead(id, phase, "Ann")
            let deleted = try await wix.delete("/workflows/v1/cards/\(card)")
            #expect(deleted.status == 200)
            #expect(deleted.json == .object([:]))
            #expect(try await wix.get("/workflows/v1/cards/\(card)").status == 404)
            #expect(try await wix.post("/workflows/v1/cards/\(card)/restore", #"{"newPhaseId": "\#(phase)"}"#).status == 404)
            #expect(try await wix.delete("/workflows/v1/cards/\(card)").status == 404)
        }
    }
}
