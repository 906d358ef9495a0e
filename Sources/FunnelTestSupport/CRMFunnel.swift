public import Foundation
public import FunnelConfig
import FunnelCore
public import FunnelKit
import FunnelSources
public import Logging
public import WixAPI
import WixEmulator

/// A funnel fed by a fake CRM (`FakeHubSpot` or `FakePipedrive`) on a sandbox, its phases mirrored
/// from the CRM pipeline and its source key the CRM deal id (what webhooks name). Deal `i` is called
/// `Deal i`. Shared by the webhook tests and `funnel-bench serve`.
public struct CRMFunnel: Sendable {
    public enum CRM: Sendable, Hashable { case hubSpot, pipedrive }

    public let crm: CRM
    public let sandbox: EmulatorHandle
    public let directory: URL
    public let configuration: FunnelConfiguration

    /// `baseURL` is where the fake CRM listens (`FakeHubSpot.run` / `FakePipedrive.run`).
    public init(_ crm: CRM, crmBaseURL baseURL: String, sandbox: EmulatorHandle) {
        self.crm = crm
        self.sandbox = sandbox
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-crm-\(UUID().uuidString)")
        let source: SourceSpec, contact: ContactSpec, card: CardSpec
        switch crm {
        case .hubSpot:
            source = SourceSpec(key: "id", kind: .hubspot(HubSpotSource(token: Secret(Self.hubSpotToken), baseURL: baseURL)),
                                pipeline: "default")
            contact = ContactSpec(match: .email, fields: ["first": TemplateSpec("{{ contact.firstname }}"),
                                                          "last": TemplateSpec("{{ contact.lastname }}"),
                                                          "email": TemplateSpec("{{ contact.email }}")])
            card = CardSpec(source: "HubSpot", name: TemplateSpec("{{ dealname }}"), description: nil,
                            phase: PhaseMapping(from: "dealstage", map: [:]))
        case .pipedrive:
            source = SourceSpec(key: "id", kind: .pipedrive(PipedriveSource(token: Secret(Self.pipedriveToken), baseURL: baseURL)),
                                pipeline: "1")
            contact = ContactSpec(match: .email, fields: ["first": TemplateSpec("{{ person.first_name }}"),
                                                          "last": TemplateSpec("{{ person.last_name }}"),
                                                          "email": TemplateSpec("{{ person.email }}")])
            card = CardSpec(source: "Pipedrive", name: TemplateSpec("{{ title }}"), description: nil,
                            phase: PhaseMapping(from: "stage_id", map: [:]))
        }
        configuration = FunnelConfiguration(
            path: directory.appendingPathComponent("funnel.yaml").path, digest: "crm-\(crm)", version: 1,
            wix: WixSettings(target: .site(siteId: sandbox.siteId, credentials: .apiKey(sandbox.apiKey)), endpoint: sandbox.baseURL),
            workflow: WorkflowSpec(name: nil, phases: .fromSource(MirrorSpec())),
            source: source, contact: contact, card: card,
            statePath: directory.appendingPathComponent("state.db").path, policy: PolicySpec(maxArchive: .percent(100)))
    }

    /// A client of the sandbox (it counts its own requests in `statistics`).
    public func client(logger: Logger = Logger(label: "funnel.crm")) -> WixClient {
        WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId), logger: logger)
    }

    /// The source (reading only the fields the templates use) and a sandbox client.
    public func dependencies(client: WixClient? = nil, logger: Logger = Logger(label: "funnel.crm")) throws -> FunnelDependencies {
        let used = configuration.usedFields
        return FunnelDependencies(client: client ?? self.client(logger: logger),
                                  source: SourceFactory.make(configuration.source, usedFields: used, logger: logger),
                                  logger: logger)
    }

    /// Card name → phase name (`Win` for the win phase, `archived`), read inside the sandbox
    /// process: it costs no API call and does not show in the sandbox's request counts.
    public func board() async -> [String: String] {
        var board: [String: String] = [:]
        for workflow in await sandbox.server.boards(site: sandbox.siteId).flatMap(\.workflows) {
            for phase in workflow.phases {
                for card in phase.cards { board[card.name] = phase.isWinPhase ? "Win" : phase.name }
            }
            for card in workflow.archived { board[card.name] = "archived" }
        }
        return board
    }

    // MARK: Fake CRMs with `deals` deals spread over the open stages, one contact each

    public static let hubSpotToken = "hs-token"
    public static let pipedriveToken = "pd-token"

    /// HubSpot's default pipeline's open stages, in order (id, label).
    public static let hubSpotOpenStages = FakeHubSpot.Pipeline.sales.stages.filter { !$0.isClosed }.map { ($0.id, $0.label) }
    /// Pipedrive's default pipeline's stages, in order (id, name).
    public static let pipedriveStages = FakePipedrive.defaultStages.map { ($0.id, $0.name) }

    /// Deal `i` has id `1000 + i` and contact `5000 + i`, in open stage `i % 5`.
    public static func hubSpot(deals: Int) -> FakeHubSpot {
        var list: [FakeHubSpot.Deal] = [], contacts: [FakeHubSpot.Contact] = []
        for index in 0..<deals {
            let stage = hubSpotOpenStages[index % hubSpotOpenStages.count].0
            list.append(FakeHubSpot.Deal(id: hubSpotDealID(index), properties: [
                "dealname": "Deal \(index)", "dealstage": stage, "pipeline": "default",
                "hs_is_closed_won": "false", "hs_is_closed_lost": "false",
            ], contactIDs: ["\(5000 + index)"]))
            contacts.append(FakeHubSpot.Contact(id: "\(5000 + index)", properties: [
                "email": "buyer\(index)@example.com", "firstname": "Buyer", "lastname": "\(index)"]))
        }
        return FakeHubSpot(token: hubSpotToken, deals: list, contacts: contacts)
    }

    public static func hubSpotDealID(_ index: Int) -> String { String(1000 + index) }

    /// Deal `i` has id `i + 1` and person `1000 + i`, in stage `i % 4`.
    public static func pipedrive(deals: Int) -> FakePipedrive {
        let list = (0..<deals).map { index in
            FakePipedrive.Deal(id: index + 1, title: "Deal \(index)", stageID: pipedriveStages[index % pipedriveStages.count].0,
                               personID: 1000 + index)
        }
        let persons = (0..<deals).map { index in
            FakePipedrive.Person(id: 1000 + index, firstName: "Buyer", lastName: "\(index)", emails: ["buyer\(index)@example.com"])
        }
        return FakePipedrive(token: pipedriveToken, deals: list, persons: persons)
    }

    /// The ids a HubSpot batch read asks for (`inputs[].id`).
    public static func batchInputIDs(_ request: FakeRequest) -> [String] {
        guard case .array(let inputs)? = request.json?[path: "inputs"] else { return [] }
        return inputs.compactMap { $0[path: "id"]?.stringValue }
    }
}
