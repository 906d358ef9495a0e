import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelSources
import FunnelState
import FunnelTestSupport
import Logging
import Synchronization
import WixAPI

/// A funnel over N synthetic leads on a sandbox, for the plan/apply benchmarks.
struct BenchFunnel {
    let directory: URL
    let sandbox: EmulatorHandle
    let requestsPerMinute: Int?

    static let stages = ["new", "contacted", "qualified", "proposal", "negotiation", "won"]
    static let map: [String: TargetRef] = [
        "new": .phase("New Lead"), "contacted": .phase("Contacted"), "qualified": .phase("Qualified"),
        "proposal": .phase("Proposal Sent"), "negotiation": .phase("Negotiating"), "won": .win, "lost": .archive,
    ]

    init(sandbox: EmulatorHandle, leads: Int, requestsPerMinute: Int? = nil) throws {
        self.sandbox = sandbox
        self.requestsPerMinute = requestsPerMinute
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try writeLeads(0..<leads)
    }

    /// Rewrites the CSV with the leads `indices` (L-0, L-1, …; their stages cycle through `stages`).
    func writeLeads(_ indices: Range<Int>) throws {
        var text = "id,first_name,last_name,email,stage\n"
        for index in indices {
            text += "L-\(index),First\(index),Last\(index),lead\(index)@example.com,\(Self.stages[index % Self.stages.count])\n"
        }
        try text.write(to: directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
    }

    var configuration: FunnelConfiguration {
        FunnelConfiguration(
            path: directory.appendingPathComponent("funnel.yaml").path, digest: "bench", version: 1,
            wix: WixSettings(target: .site(siteId: sandbox.siteId, credentials: .apiKey(sandbox.apiKey)), endpoint: sandbox.baseURL),
            workflow: WorkflowSpec(name: "Lead Funnel", phases: .list(
                ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"].map { PhaseSpec(name: $0) })),
            source: SourceSpec(key: "id", kind: .csv(CSVSource(path: directory.appendingPathComponent("leads.csv").path))),
            contact: ContactSpec(match: .email, fields: ["first": TemplateSpec("{{ first_name }}"),
                                                        "last": TemplateSpec("{{ last_name }}"),
                                                        "email": TemplateSpec("{{ email }}")]),
            card: CardSpec(source: "My CRM", name: TemplateSpec("{{ first_name }} {{ last_name }}"), description: nil,
                           phase: PhaseMapping(from: "stage", map: Self.map)),
            statePath: directory.appendingPathComponent("state.db").path, policy: PolicySpec(maxArchive: .percent(100)))
    }

    func client() -> WixClient {
        var configuration = WixClientConfiguration.sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId)
        configuration.requestsPerMinute = requestsPerMinute
        return WixClient(configuration: configuration, logger: Logger(label: "bench"))
    }

    func dependencies(_ client: WixClient) -> FunnelDependencies {
        FunnelDependencies(client: client, source: SourceFactory.make(configuration.source, logger: Logger(label: "bench")),
                           logger: Logger(label: "bench"))
    }

    func plan(_ client: WixClient) async throws -> Plan {
        try await PlanUseCase.run(configuration, dependencies: dependencies(client), options: PlanOptions(), store: nil).plan
    }

    /// Plans and applies; returns the report and the wall time of the apply alone.
    /// `approved` runs when the plan is approved: its reads are done, apply's calls not started.
    func apply(_ client: WixClient, parallelism: Int,
               approved onApproval: @escaping @Sendable () -> Void = {}) async throws -> (ApplyReport, Double, Plan) {
        let configuration = self.configuration
        let dependencies = self.dependencies(client)
        // The apply alone is timed: from the moment the plan is approved.
        let approved = Mutex<Date?>(nil)
        let outcome = try await Converge.run(
            configuration, dependencies: dependencies, input: .plan(.all),
            options: ConvergeOptions(operation: "bench", parallelism: parallelism, lockTimeout: .seconds(5)),
            review: ConvergeReview(approve: { _ in onApproval(); approved.withLock { $0 = Date() }; return true }))
        guard let report = outcome.report, let start = approved.withLock({ $0 }) else {
            throw FunnelError("the bench funnel had nothing to apply: \(outcome.plan.summary.line)")
        }
        return (report, Date().timeIntervalSince(start), outcome.plan)
    }
}
