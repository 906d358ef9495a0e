import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

@Suite("funnel doctor against the sandbox")
struct DoctorTests {
    /// How many contacts the site holds (Query Contacts' total).
    static func contactCount(_ client: WixClient) async throws -> Int {
        let page = try await client.probe("POST", "/contacts/v4/contacts/query",
                                          body: .object(["query": .object(["paging": .object(["limit": .number(1)])])]))
        // proto3 JSON (omit-empty-collections) leaves a total of 0 out.
        return Int(page[path: "pagingMetadata.total"]?.stringValue ?? "0") ?? -1
    }

    @Test("doctor --write reports variant: true exactly for the variants on, and leaves no workflow or contact behind",
          arguments: Reading.all)
    func identifiesTheReading(reading: Reading) async throws {
        try await withEmulator(EmulatorOptions(variants: reading.variants)) { sandbox in
            let client = try KitHarness(sandbox: sandbox).client
            let report = await Doctor(client: client, workflowName: "Lead Funnel").run(write: true)
            #expect(report.ok, "failed: \(report.checks.filter { !$0.ok }.map { "\($0.id): \($0.detail)" })")
            let ids = Set(report.checks.map(\.id))
            #expect(ids.isSuperset(of: WixReading.allCases.map(\.rawValue)), "missing checks: \(ids)")
            #expect(Set(report.checks.filter(\.variant).map(\.id)) == Set(reading.variants.map(\.rawValue)),
                    "\(report.checks.map { "\($0.id)=\($0.variant): \($0.detail)" })")
            #expect(try await client.workflows().collect().isEmpty, "a workflow was left behind")
            #expect(try await Self.contactCount(client) == 0, "a contact was left behind")
        }
    }

    @Test("without --write, doctor only reads: nothing is created, and a missing workflow is not a failure")
    func readOnly() async throws {
        try await withEmulator { sandbox in
            let client = try KitHarness(sandbox: sandbox).client
            await sandbox.resetStats()
            let report = await Doctor(client: client, workflowName: "Lead Funnel").run(write: false)
            #expect(report.ok)
            #expect(report.checks.map(\.id) == ["list-workflows", "query-contacts", "list-cards"])
            let stats = try await sandbox.stats()
            #expect(stats.count(.createWorkflow) == 0 && stats.count(.createContact) == 0)
        }
    }

    @Test("a refused API key fails the read-only checks, saying which setting to fix")
    func refusedKey() async throws {
        try await withEmulator(EmulatorOptions(apiKeys: [Secret("the-right-key")])) { sandbox in
            let client = WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: Secret("a-wrong-key"),
                                                           siteId: sandbox.siteId))
            let report = await Doctor(client: client, workflowName: "Lead Funnel").run(write: true)
            #expect(!report.ok)
            let first = try #require(report.checks.first)
            #expect(first.id == "list-workflows" && !first.ok)
            #expect(first.detail.contains("wix.apiKey") || first.detail.contains("wix.siteId"), "\(first.detail)")
            #expect(!report.checks.contains { $0.id == "write-workflow" }, "wrote with a refused key")
        }
    }

    @Test("a stop (Ctrl-C) during --write still deletes the scratch workflow and contact")
    func stopCleansUp() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(15))) { sandbox in
            let client = try KitHarness(sandbox: sandbox).client
            let stop = StopSignal()
            let stopper = Task {
                // Stop once the scratch workflow exists (bounded, so a doctor that never makes it cannot hang the test).
                for _ in 0..<400 where !stop.isRequested {
                    if try await !client.workflows().collect().isEmpty { stop.request() }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            let report = await Doctor(client: client, workflowName: "Lead Funnel").run(write: true, stop: stop)
            try await stopper.value
            #expect(!report.ok)
            #expect(report.checks.contains { $0.detail.contains("stopped") })
            #expect(report.checks.last?.id == "cleanup" && report.checks.last?.ok == true)
            #expect(try await client.workflows().collect().isEmpty, "the scratch workflow was left behind")
            #expect(try await Self.contactCount(client) == 0, "the scratch contact was left behind")
        }
    }
}
