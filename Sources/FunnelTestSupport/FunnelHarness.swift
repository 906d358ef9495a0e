import AsyncHTTPClient
public import Foundation
public import FunnelConfig
public import FunnelCore
public import FunnelKit
import FunnelSources
public import FunnelState
import Logging
public import WixAPI
import WixEmulator

/// Shared by FunnelKitTests and FunnelServeTests.
/// A funnel on a real sandbox over HTTP: a CSV in a temp dir, a state (a SQLite file in the temp
/// dir, or the `state` given, e.g. a PostgreSQL database), a config built in code.
public struct FunnelHarness {
    public let directory: URL
    public let sandbox: EmulatorHandle
    /// Where the funnel's state is (default: `statePath`).
    public let stateLocation: StateLocation
    public var phases: [PhaseSpec] = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"].map { PhaseSpec(name: $0) }
    public var policy = PolicySpec(maxArchive: .count(100))
    /// `card.phase.map` (default: `stageMap`).
    public var map: [String: TargetRef] = FunnelHarness.stageMap
    /// `contact:` instead of the default (match by email; first, last and email).
    public var contact: ContactSpec?
    /// `card:` instead of the default (source My CRM, named after the lead, `stage` through `map`).
    public var card: CardSpec?

    public static let stageMap: [String: TargetRef] = [
        "new": .phase("New Lead"), "contacted": .phase("Contacted"), "qualified": .phase("Qualified"),
        "proposal": .phase("Proposal Sent"), "negotiation": .phase("Negotiating"), "won": .win, "lost": .archive,
    ]

    public init(sandbox: EmulatorHandle, state: StateLocation? = nil) throws {
        self.sandbox = sandbox
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-harness-\(UUID().uuidString)")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stateLocation = state ?? .sqlite(path: directory.appendingPathComponent(".funnel/state.db").path)
    }

    public var csvPath: String { directory.appendingPathComponent("leads.csv").path }
    public var statePath: String { directory.appendingPathComponent(".funnel/state.db").path }

    /// `rows`: (id, first, last, email, stage)
    public func writeLeads(_ rows: [(String, String, String, String, String)]) throws {
        var text = "id,first_name,last_name,email,stage\n"
        for row in rows { text += "\(row.0),\(row.1),\(row.2),\(row.3),\(row.4)\n" }
        try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
    }

    /// A CSV with any columns: `header` then one line per row (values must not need quoting).
    public func writeCSV(header: [String], rows: [[String]]) throws {
        let text = ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
    }

    public var configuration: FunnelConfiguration {
        FunnelConfiguration(
            path: directory.appendingPathComponent("funnel.yaml").path,
            digest: "digest-\(phases.map(\.name).joined(separator: ","))-\(contact?.match.rawValue ?? "")-\(map.count)",
            version: 1,
            wix: WixSettings(target: .site(siteId: sandbox.siteId, credentials: .apiKey(sandbox.apiKey)), endpoint: sandbox.baseURL),
            workflow: WorkflowSpec(name: "Lead Funnel", description: "Shows where contacts are in the lead funnel.",
                                   phases: .list(phases)),
            source: SourceSpec(key: "id", kind: .csv(CSVSource(path: csvPath))),
            contact: contact ?? ContactSpec(match: .email, fields: [
                "first": TemplateSpec("{{ first_name }}"), "last": TemplateSpec("{{ last_name }}"),
                "email": TemplateSpec("{{ email | lower }}"),
            ]),
            card: card ?? CardSpec(source: "My CRM", name: TemplateSpec("{{ first_name }} {{ last_name }}"), description: nil,
                                   phase: PhaseMapping(from: "stage", map: map)),
            state: stateLocation, policy: policy)
    }

    public var client: WixClient {
        WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId))
    }

    public func dependencies(_ client: WixClient? = nil) -> FunnelDependencies {
        FunnelDependencies(client: client ?? self.client, source: SourceFactory.make(configuration.source, logger: Logger(label: "test")),
                           logger: Logger(label: "test"))
    }

    public func plan(_ client: WixClient? = nil) async throws -> Plan {
        let configuration = self.configuration, dependencies = self.dependencies(client)
        return try await withStore { store in
            try await PlanUseCase.run(configuration, dependencies: dependencies, options: PlanOptions(), store: store).plan
        }
    }

    /// Opens the harness's state, runs `body` and closes the store.
    public func withStore<T: Sendable>(_ body: (any StateStore) async throws -> T) async throws -> T {
        try await StateStores.withStore(location: stateLocation, namespace: configuration.stateNamespace, body)
    }

    /// Forgets the whole state, as if `.funnel/state.db` were deleted (for PostgreSQL: the namespace).
    public func deleteState() async throws {
        switch stateLocation {
        case .sqlite(let path):
            try FileManager.default.removeItem(atPath: path)
        case .postgres(let url):
            let store = try await PostgresStateStore.open(url: url, namespace: configuration.stateNamespace)
            try await store.deleteNamespace()
            await store.close()
        }
    }

    @discardableResult
    public func apply(parallelism: Int = 4) async throws -> ConvergeOutcome {
        try await Converge.run(configuration, dependencies: dependencies(), input: .plan(.all),
                               options: ConvergeOptions(parallelism: parallelism, lockTimeout: .seconds(5)))
    }

    /// Card name → phase name (`Win`, or `archived`) as the sandbox holds them.
    public func board() async throws -> [String: String] {
        let client = self.client
        guard let workflow = try await client.workflows().collect().first(where: { $0.name == "Lead Funnel" }) else { return [:] }
        let full = try await client.getWorkflow(id: workflow.id, cardsPerPhase: 0)
        var names = Dictionary(uniqueKeysWithValues: full.phases.map { ($0.id, $0.name) })
        names[full.winPhase.id] = "Win"
        var board: [String: String] = [:]
        for card in try await client.cards(workflowId: workflow.id).collect() { board[card.info.name ?? ""] = names[card.phaseId ?? ""] ?? "?" }
        for card in try await client.cards(workflowId: workflow.id, archived: true).collect() { board[card.info.name ?? ""] = "archived" }
        return board
    }

    public static let leads: [(String, String, String, String, String)] = [
        ("L-1", "Ines", "Brunet", "ines@example.com", "new"),
        ("L-2", "Omar", "Haddad", "omar@example.com", "contacted"),
        ("L-3", "Mia", "Kowalski", "mia@example.com", "qualified"),
        ("L-4", "Noah", "Okafor", "noah@example.com", "proposal"),
        ("L-5", "Lea", "Silva", "lea@example.com", "won"),
    ]
}
