import Foundation
import FunnelConfig
import FunnelCore
import FunnelSources
import Logging

/// Builds configurations in code (the YAML loader is another module's concern).
enum TestConfig {
    static let stageMap: [String: TargetRef] = [
        "new": .phase("New Lead"), "contacted": .phase("Contacted"), "qualified": .phase("Qualified"),
        "won": .win, "lost": .archive,
    ]

    static func make(source: SourceSpec, match: ContactSpec.Match = .email,
                     fields: [String: String] = ["first": "{{ first_name }}", "last": "{{ last_name }}",
                                                 "email": "{{ email | lower }}", "phone": "{{ phone }}"],
                     name: String = "{{ first_name }} {{ last_name }}", description: String? = "{{ company | default:\"(no company)\" }}",
                     from: String = "stage", map: [String: TargetRef] = stageMap, defaultTarget: TargetRef? = nil,
                     phases: PhasesSpec = .list(["New Lead", "Contacted", "Qualified"].map { PhaseSpec(name: $0) })) -> FunnelConfiguration {
        let file = "/work/funnel.yaml"
        var locations: [String: SourceLocation] = [:]
        for (index, key) in map.keys.sorted().enumerated() { locations[key] = SourceLocation(file: file, line: 40 + index, column: 5) }
        return FunnelConfiguration(
            path: file, digest: "test", version: 1,
            wix: WixSettings(target: .sandbox(dataPath: "/tmp/sandbox")),
            workflow: WorkflowSpec(name: "Lead Funnel", phases: phases),
            source: source,
            contact: ContactSpec(match: match, fields: fields.mapValues { TemplateSpec($0, location: SourceLocation(file: file, line: 20, column: 9)) },
                                 location: SourceLocation(file: file, line: 18, column: 1)),
            card: CardSpec(source: "My CRM", name: TemplateSpec(name, location: SourceLocation(file: file, line: 30, column: 9)),
                           description: description.map { TemplateSpec($0, location: SourceLocation(file: file, line: 31, column: 16)) },
                           phase: PhaseMapping(from: from, map: map, mapLocations: locations, defaultTarget: defaultTarget,
                                               location: SourceLocation(file: file, line: 33, column: 3))),
            statePath: "/tmp/state.db", policy: PolicySpec())
    }

    static let logger = Logger(label: "funnel.test")

    /// Reads and maps a configuration's source end to end.
    static func mapSource(_ configuration: FunnelConfiguration, retry: RetryPolicy = .fast) async throws -> MappedRecords {
        try await SourceFactory.readAndMap(configuration, retry: retry, logger: logger).mapped
    }
}

extension RetryPolicy {
    static let fast = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))
}

/// A temporary directory removed when the value is dropped... by the test's `defer`.
struct TempDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "funnel-sources-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Leads without where they were read, for comparing sources.
func withoutLocations(_ mapped: MappedRecords) -> [DesiredLead] {
    mapped.leads.map { lead in
        var lead = lead
        lead.provenance.record = nil
        return lead
    }
}

/// Reads a whole stream, returning the records or the error that ended it.
func collect(_ source: any RecordSource) async -> (records: [SourceRecord], error: (any Error)?) {
    var records: [SourceRecord] = []
    do {
        for try await record in source.records() { records.append(record) }
        return (records, nil)
    } catch {
        return (records, error)
    }
}
