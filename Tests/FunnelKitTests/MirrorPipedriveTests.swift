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

/// Issue #9 with Pipedrive: stages by id, won/lost from the deal's status.
@Suite("phases mirrored from a Pipedrive pipeline", .serialized)
struct MirrorPipedriveTests {
    static func pipedrive() -> FakePipedrive {
        let deals = [
            FakePipedrive.Deal(id: 1, title: "Deal A", stageID: 1, personID: 11),
            FakePipedrive.Deal(id: 2, title: "Deal B", stageID: 3, personID: 12),
            FakePipedrive.Deal(id: 3, title: "Deal C", stageID: 4, status: "won", personID: 13),
            FakePipedrive.Deal(id: 4, title: "Deal D", stageID: 2, status: "lost", personID: 14),
        ]
        let persons = (11...14).map { FakePipedrive.Person(id: $0, firstName: "P", lastName: "\($0)", emails: ["p\($0)@example.com"]) }
        return FakePipedrive(token: "pd-token", deals: deals, persons: persons)
    }

    static func configuration(_ sandbox: EmulatorHandle, base: String, directory: URL) -> FunnelConfiguration {
        FunnelConfiguration(
            path: directory.appendingPathComponent("funnel.yaml").path, digest: "pd", version: 1,
            wix: WixSettings(target: .site(siteId: sandbox.siteId, credentials: .apiKey(sandbox.apiKey)), endpoint: sandbox.baseURL),
            workflow: WorkflowSpec(name: nil, phases: .fromSource(MirrorSpec())),
            source: SourceSpec(key: "id", kind: .pipedrive(PipedriveSource(token: Secret("pd-token"), baseURL: base)), pipeline: "1"),
            contact: ContactSpec(match: .email, fields: ["first": TemplateSpec("{{ person.first_name }}"),
                                                        "email": TemplateSpec("{{ person.email }}")]),
            card: CardSpec(source: "Pipedrive", name: TemplateSpec("{{ title }}"), description: nil,
                           phase: PhaseMapping(from: "stage_id", map: [:])),
            statePath: directory.appendingPathComponent("state.db").path, policy: PolicySpec(maxArchive: .count(10)))
    }

    @Test("mirrored from nothing; a stage renamed is a rename; won and lost follow the deal status")
    func lifecycle() async throws {
        let pipedrive = Self.pipedrive()
        try await pipedrive.run { base in
            try await withEmulator { sandbox in
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-pd-\(UUID().uuidString)")
                let configuration = Self.configuration(sandbox, base: base, directory: directory)
                let client = WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
                let used = configuration.usedFields
                let dependencies = FunnelDependencies(client: client, source: SourceFactory.make(configuration.source, usedFields: used,
                                                                                                 logger: Logger(label: "t")),
                                                      logger: Logger(label: "t"))
                func plan() async throws -> Plan {
                    try await PlanUseCase.run(configuration, dependencies: dependencies, options: PlanOptions(),
                                              store: try SQLiteStateStore.open(path: configuration.statePath)).plan
                }
                func apply() async throws -> ConvergeOutcome {
                    try await Converge.run(configuration, dependencies: dependencies, input: .plan(.all),
                                           options: ConvergeOptions(lockTimeout: .seconds(5)))
                }
                let first = try await plan()
                #expect(first.workflowName == "Sales")
                #expect(first.steps.filter { $0.action == .createPhase }.map(\.address) == [
                    "phase[\"Qualified\"]", "phase[\"Contact Made\"]", "phase[\"Proposal Made\"]", "phase[\"Negotiations Started\"]"])
                #expect(try await apply().succeeded)
                let info = try #require(try await client.workflows().collect().first)
                let workflow = try await client.getWorkflow(id: info.id, cardsPerPhase: 0)
                var names = Dictionary(uniqueKeysWithValues: workflow.phases.map { ($0.id, $0.name) })
                names[workflow.winPhase.id] = "Win"
                let cards = try await client.cards(workflowId: info.id).collect()
                #expect(Dictionary(uniqueKeysWithValues: cards.map { ($0.info.name ?? "", names[$0.phaseId ?? ""] ?? "?") })
                        == ["Deal A": "Qualified", "Deal B": "Proposal Made", "Deal C": "Win"])
                #expect(try await plan().steps.isEmpty)

                var stages = FakePipedrive.defaultStages
                stages[2].name = "Proposal Sent"
                await pipedrive.replaceStages(stages)
                let renamed = try await plan()
                #expect(renamed.steps.map(\.action) == [.renamePhase])
                #expect(try await apply().succeeded)
                #expect(try await plan().steps.isEmpty)
            }
        }
    }
}
