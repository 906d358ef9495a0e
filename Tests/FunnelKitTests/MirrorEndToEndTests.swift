import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelSources
import FunnelState
import FunnelTestSupport
import Logging
import Testing
import WixAPI

/// Issue #9: the Wix phases follow the CRM pipeline's stages, by stage id.
@Suite("phases mirrored from a HubSpot pipeline", .serialized)
struct MirrorEndToEndTests {
    typealias Stage = FakeHubSpot.Stage

    static let stages = [
        Stage(id: "appointmentscheduled", label: "Appointment Scheduled", displayOrder: 0, probability: 0.2),
        Stage(id: "qualifiedtobuy", label: "Qualified To Buy", displayOrder: 1, probability: 0.4),
        Stage(id: "presentationscheduled", label: "Presentation Scheduled", displayOrder: 2, probability: 0.6),
        Stage(id: "contractsent", label: "Contract Sent", displayOrder: 3, probability: 0.9),
        Stage(id: "closedwon", label: "Closed Won", displayOrder: 4, isClosed: true, probability: 1.0),
        Stage(id: "closedlost", label: "Closed Lost", displayOrder: 5, isClosed: true, probability: 0.0),
    ]

    static func hubspot() -> FakeHubSpot {
        let placement = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "contractsent", "closedwon", "closedlost"]
        var deals: [FakeHubSpot.Deal] = [], contacts: [FakeHubSpot.Contact] = []
        for (index, stage) in placement.enumerated() {
            deals.append(FakeHubSpot.Deal(id: "\(700 + index)", properties: [
                "dealname": "Deal \(index)", "dealstage": stage, "pipeline": "default",
                "hs_is_closed_won": String(stage == "closedwon"), "hs_is_closed_lost": String(stage == "closedlost"),
            ], contactIDs: ["\(50 + index)"]))
            contacts.append(FakeHubSpot.Contact(id: "\(50 + index)", properties: [
                "email": "buyer\(index)@example.com", "firstname": "Buyer", "lastname": "\(index)"]))
        }
        return FakeHubSpot(token: "hs-token", deals: deals, contacts: contacts,
                           pipelines: [FakeHubSpot.Pipeline(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: stages)])
    }

    struct Funnel {
        let sandbox: EmulatorHandle
        let hubspotURL: String
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-mirror-\(UUID().uuidString)")
        var mirror = MirrorSpec()

        var configuration: FunnelConfiguration {
            FunnelConfiguration(
                path: directory.appendingPathComponent("funnel.yaml").path, digest: "mirror", version: 1,
                wix: WixSettings(target: .site(siteId: sandbox.siteId, credentials: .apiKey(sandbox.apiKey)), endpoint: sandbox.baseURL),
                workflow: WorkflowSpec(name: nil, phases: .fromSource(mirror)),
                source: SourceSpec(key: "id", kind: .hubspot(HubSpotSource(token: Secret("hs-token"), baseURL: hubspotURL)),
                                   pipeline: "default"),
                contact: ContactSpec(match: .email, fields: ["first": TemplateSpec("{{ contact.firstname }}"),
                                                            "last": TemplateSpec("{{ contact.lastname }}"),
                                                            "email": TemplateSpec("{{ contact.email }}")]),
                card: CardSpec(source: "HubSpot", name: TemplateSpec("{{ dealname }}"), description: nil,
                               phase: PhaseMapping(from: "dealstage", map: [:])),
                statePath: directory.appendingPathComponent("state.db").path, policy: PolicySpec(maxArchive: .count(10)))
        }

        func dependencies() throws -> FunnelDependencies {
            let client = WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
            let used = configuration.usedFields
            return FunnelDependencies(client: client, source: SourceFactory.make(configuration.source, usedFields: used,
                                                                                logger: Logger(label: "test")),
                                      logger: Logger(label: "test"))
        }

        func plan() async throws -> Plan {
            try await PlanUseCase.run(configuration, dependencies: dependencies(), options: PlanOptions(),
                                      store: try SQLiteStateStore.open(path: configuration.statePath)).plan
        }

        @discardableResult
        func apply() async throws -> ConvergeOutcome {
            try await Converge.run(configuration, dependencies: try dependencies(), input: .plan(.all),
                                   options: ConvergeOptions(lockTimeout: .seconds(5)))
        }

        /// Phase names left to right, and card name → phase name.
        func board() async throws -> (phases: [String], cards: [String: String]) {
            let client = WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
            let info = try #require(try await client.workflows().collect().first)
            let workflow = try await client.getWorkflow(id: info.id, cardsPerPhase: 0)
            var names = Dictionary(uniqueKeysWithValues: workflow.phases.map { ($0.id, $0.name) })
            names[workflow.winPhase.id] = "Win"
            var cards: [String: String] = [:]
            for card in try await client.cards(workflowId: info.id).collect() { cards[card.info.name ?? ""] = names[card.phaseId ?? ""] }
            return (workflow.phases.map(\.name), cards)
        }
    }

    @Test("mirrored from nothing, then a stage renamed, reordered, added and deleted: minimal phase steps, no card lost")
    func lifecycle() async throws {
        let hubspot = Self.hubspot()
        try await hubspot.run { base in
            try await withEmulator { sandbox in
                let funnel = Funnel(sandbox: sandbox, hubspotURL: base)
                let first = try await funnel.plan()
                #expect(first.workflowName == "Sales Pipeline")
                #expect(first.pipeline?.stages.map(\.id).contains("closedwon") == true)
                #expect(first.steps.filter { $0.action == .createPhase }.map(\.address) == [
                    "phase[\"Appointment Scheduled\"]", "phase[\"Qualified To Buy\"]", "phase[\"Presentation Scheduled\"]",
                    "phase[\"Contract Sent\"]"])
                #expect(try await funnel.apply().succeeded)
                var board = try await funnel.board()
                #expect(board.phases == ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Contract Sent"])
                #expect(board.cards["Deal 4"] == "Win")
                #expect(board.cards["Deal 5"] == nil) // closed lost, never seen: no card
                #expect(try await funnel.plan().steps.isEmpty)

                // A stage relabelled in HubSpot is a rename in Wix, never a delete + create.
                var stages = Self.stages
                stages[1].label = "Qualified"
                await hubspot.replacePipelines([.init(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: stages)])
                var plan = try await funnel.plan()
                #expect(plan.steps.map(\.action) == [.renamePhase])
                #expect(plan.steps.first?.reason.contains("qualifiedtobuy") == true)
                try await funnel.apply()

                // Reordered: one phase move.
                stages[0].displayOrder = 2
                stages[2].displayOrder = 0
                await hubspot.replacePipelines([.init(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: stages)])
                plan = try await funnel.plan()
                #expect(plan.steps.map(\.action) == [.movePhase] || plan.steps.map(\.action) == [.movePhase, .movePhase])
                try await funnel.apply()
                board = try await funnel.board()
                #expect(board.phases == ["Presentation Scheduled", "Qualified", "Appointment Scheduled", "Contract Sent"])

                // Added: created at its position.
                stages.append(Stage(id: "demo", label: "Demo", displayOrder: 1, probability: 0.5))
                stages[1].displayOrder = 2 // Qualified after Demo
                stages[0].displayOrder = 3
                stages[3].displayOrder = 4
                await hubspot.replacePipelines([.init(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: stages)])
                plan = try await funnel.plan()
                #expect(plan.steps.map(\.action) == [.createPhase])
                try await funnel.apply()
                #expect(try await funnel.board().phases == ["Presentation Scheduled", "Demo", "Qualified", "Appointment Scheduled", "Contract Sent"])

                // Deleted with a card in it: the card moves first (its deal moved in HubSpot), then the phase goes.
                await hubspot.moveDeal("702", toStage: "contractsent")
                stages.removeAll { $0.id == "presentationscheduled" }
                await hubspot.replacePipelines([.init(id: "default", label: "Sales Pipeline", displayOrder: 0, stages: stages)])
                plan = try await funnel.plan()
                #expect(plan.steps.map(\.action) == [.moveCard, .deletePhase])
                #expect(try await funnel.apply().succeeded)
                board = try await funnel.board()
                #expect(board.phases == ["Demo", "Qualified", "Appointment Scheduled", "Contract Sent"])
                #expect(board.cards["Deal 2"] == "Contract Sent")
                #expect(board.cards.count == 5)
                #expect(try await funnel.plan().steps.isEmpty)
            }
        }
    }

    @Test("overrides: a stage renamed in the config, one excluded, two mapped onto one phase")
    func overrides() async throws {
        let hubspot = Self.hubspot()
        try await hubspot.run { base in
            try await withEmulator { sandbox in
                var funnel = Funnel(sandbox: sandbox, hubspotURL: base)
                funnel.mirror = MirrorSpec(rename: ["appointmentscheduled": "New"], exclude: ["presentationscheduled"],
                                           map: ["qualifiedtobuy": .phase("Contract Sent")])
                let plan = try await funnel.plan()
                #expect(plan.steps.filter { $0.action == .createPhase }.map(\.address) == ["phase[\"New\"]", "phase[\"Contract Sent\"]"])
                try await funnel.apply()
                let board = try await funnel.board()
                #expect(board.cards["Deal 0"] == "New")
                #expect(board.cards["Deal 1"] == "Contract Sent")
            }
        }
    }
}
