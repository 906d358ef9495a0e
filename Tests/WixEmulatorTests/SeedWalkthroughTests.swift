import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// The seed (../shared/seed/sync-lead-funnel.md) replayed request by request, same paths, bodies and headers.
@Suite struct SeedWalkthroughTests {
    @Test func leadFunnelWalkthrough() async throws {
        try await withEmulator { sandbox async throws in
            // <AUTH> is an app's access token (Wix: POST /oauth2/token); it names the site, so the seed's
            // requests carry only Authorization (the raw token) and, with a body, Content-Type.
            let token = try await SandboxHTTP(baseURL: sandbox.baseURL, headers: [:]).post("/oauth2/token", """
                {"grant_type": "client_credentials", "client_id": "sandbox-app", "client_secret": "sandbox-secret",
                 "instance_id": "\(sandbox.siteId)"}
                """)
            let auth = try #require(token.string("access_token"))
            let wix = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": auth])

            // Step 2: Create Workflow → {"id"}.
            let created = try await wix.post("/workflows/v1/workflows", """
                {
                  "workflow": {
                    "name": "Lead Funnel",
                    "description": "Shows where contacts are in the lead funnel."
                  }
                }
                """)
            #expect(created.status == 200)
            let workflowId = try #require(created.string("id"))
            #expect(created.keys == ["id"])

            // Step 3: one Create Phase per active phase, in order, position omitted.
            var phaseIds: [String] = []
            for name in ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"] {
                let phase = try await wix.post("/workflows/v1/workflows/\(workflowId)/phases", """
                    {
                      "phase": {
                        "name": "\(name)"
                      }
                    }
                    """)
                #expect(phase.status == 200)
                #expect(phase.keys == ["id"])
                phaseIds.append(try #require(phase.string("id")))
            }

            // Step 4: Get Workflow; win phase id at workflow.winPhase.info.id, named "Win".
            let workflow = try await wix.get("/workflows/v1/workflows/\(workflowId)")
            #expect(workflow.status == 200)
            let winPhaseId = try #require(workflow.string("workflow.winPhase.info.id"))
            #expect(workflow.string("workflow.winPhase.info.name") == "Win")
            #expect(workflow.int("workflow.winPhase.cardsList.total") == 0)
            #expect(workflow.keys == ["workflow"])
            #expect(workflow.string("workflow.info.id") == workflowId)
            #expect(workflow.string("workflow.info.name") == "Lead Funnel")
            #expect(workflow.string("workflow.info.description") == "Shows where contacts are in the lead funnel.")
            #expect(workflow.int("workflow.phasesList.total") == 5)
            for (index, id) in phaseIds.enumerated() {
                #expect(workflow.string("workflow.phasesList.phases.\(index).info.id") == id)
            }
            #expect(workflow.string("workflow.phasesList.phases.0.info.name") == "New Lead")
            #expect(!phaseIds.contains(winPhaseId))

            // Step 5: the contact, through the Contacts API.
            let contact = try await wix.post("/contacts/v4/contacts", """
                {"info": {"name": {"first": "Ines", "last": "Brunet"},
                          "emails": {"items": [{"tag": "MAIN", "email": "ines.brunet@example.com"}]}}}
                """)
            #expect(contact.status == 200)
            let contactId = try #require(contact.string("contact.id"))
            #expect(contact.int("contact.revision") == 1)

            // Step 6: Create Card in "New Lead" → {"id"}.
            let card = try await wix.post("/workflows/v1/workflows/\(workflowId)/phases/\(phaseIds[0])/cards", """
                {
                  "card": {
                    "name": "Ines Brunet",
                    "primaryAttachment": {
                      "contactId": "\(contactId)"
                    },
                    "source": "My CRM"
                  }
                }
                """)
            #expect(card.status == 200)
            #expect(card.keys == ["id"])
            let cardId = try #require(card.string("id"))

            // The card as the mapping (step 7) records it.
            let stored = try await wix.get("/workflows/v1/cards/\(cardId)")
            #expect(stored.string("card.info.id") == cardId)
            #expect(stored.string("card.info.name") == "Ines Brunet")
            #expect(stored.string("card.info.primaryAttachment.contactId") == contactId)
            #expect(stored.string("card.info.source") == "My CRM")
            #expect(stored.string("card.info.phaseId") == phaseIds[0])

            // Part 2: move, then archive.
            let moved = try await wix.post("/workflows/v1/cards/\(cardId)/move", #"{"newPhaseId": "\#(phaseIds[1])"}"#)
            #expect(moved.status == 200)
            #expect(moved.json == .object([:]))
            let archived = try await wix.post("/workflows/v1/cards/\(cardId)/archive")
            #expect(archived.status == 200)
            let archivedList = try await wix.get("/workflows/v1/workflows/\(workflowId)/cards?fetchArchived=true")
            #expect(archivedList.string("cards.0.info.id") == cardId)
            #expect(archivedList.string("cards.0.info.phaseId") == phaseIds[1])

            // The same site is reachable with an API key and wix-site-id.
            let byKey = try await SandboxHTTP(sandbox).get("/workflows/v1/workflows/\(workflowId)/cards?fetchArchived=true")
            #expect(byKey.int("pagination.total") == 1)

            let stats = try await sandbox.stats()
            #expect(stats.count(.createPhase) == 5)
            #expect(stats.requests["POST /workflows/v1/workflows/{workflowId}/phases"] == 5)
        }
    }
}
