import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelSources
import FunnelTestSupport
import Logging
import Testing
import WixAPI

@Suite("templates compile once per run")
struct CompileOnceTests {
    @Test("loading the example compiles each of its 12 templates once (contact fields, labels, custom fields, card); planning and applying compile none again")
    func compileOnce() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = repository.appendingPathComponent("examples/lead-funnel")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["funnel.yaml", "leads.csv"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let counter = CompilationCounter()
        try await MappingTemplate.$compilationCounter.withValue(counter) {
            let loaded = ConfigLoader(environment: [:]).load(contentsOf: directory.appendingPathComponent("funnel.yaml").path)
            let configuration = try #require(loaded.configuration, "\(loaded.diagnostics)")
            #expect(counter.value == configuration.templates.count)
            #expect(counter.value == 12)
            try await withEmulator { sandbox in
                let logger = Logger(label: "test")
                let dependencies = FunnelDependencies(
                    client: WixClient(configuration: .sandbox(baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId)),
                    source: SourceFactory.make(configuration.source, usedFields: configuration.usedFields, logger: logger), logger: logger)
                let outcome = try await Converge.run(configuration, dependencies: dependencies, input: .plan(.all),
                                                     options: ConvergeOptions(allowLargeChanges: true))
                #expect(outcome.report?.succeeded == true)
                #expect(try await PlanUseCase.run(configuration, dependencies: dependencies, options: PlanOptions()).plan.hasChanges == false)
            }
            #expect(counter.value == 12)
        }
    }
}
