import Foundation
import FunnelTestSupport

/// A funnel.yaml on a real site (an endpoint given by the test) and a small leads.csv in a temp
/// dir, for tests that run the `funnel` binary.
struct CLIProject {
    static let apiKey = "cli-test-api-key-value"

    let directory: URL
    var config: String { directory.appendingPathComponent("funnel.yaml").path }
    var statePath: String { directory.appendingPathComponent(".funnel/state.db").path }
    var environment: [String: String] { ["WIX_API_KEY": Self.apiKey, "CI": "true"] }

    init(endpoint: String, siteId: String = "site-1") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let yaml = """
            version: 1
            wix:
              siteId: \(siteId)
              apiKey: ${WIX_API_KEY}
              endpoint: \(endpoint)
              rate_limit: 60000
            workflow:
              name: Lead Funnel
              phases: [New Lead, Contacted]
            source:
              type: csv
              path: leads.csv
              key: id
            contact:
              match: email
              fields:
                first: "{{ first_name }}"
                email: "{{ email | lower }}"
            card:
              source: My CRM
              name: "{{ first_name }}"
              phase:
                from: stage
                map: { new: New Lead, contacted: Contacted, won: $win, lost: $archive }

            """
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        try writeLeads([("1", "Ada", "ada@example.com", "new"), ("2", "Grace", "grace@example.com", "contacted"),
                        ("3", "Alan", "alan@example.com", "won")])
    }

    /// `rows`: (id, first name, email, stage)
    func writeLeads(_ rows: [(String, String, String, String)]) throws {
        let text = "id,first_name,email,stage\n" + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3)\n" }.joined()
        try text.write(to: directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
    }

    struct TimedRun {
        var status: Int32
        var output: String
        var errors: String
        /// When stderr first held a `warning:` line, from the start of the process.
        var firstWarning: Duration?
        var ended: Duration
    }

    /// Runs `funnel arguments` (killed after 60 s), watching stderr for the first warning.
    func timedRun(_ arguments: [String]) async throws -> TimedRun {
        let name = UUID().uuidString
        let out = directory.appendingPathComponent("\(name).out"), err = directory.appendingPathComponent("\(name).err")
        let process = try FunnelExecutable.process(arguments, environment: environment, stdout: out, stderr: err)
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        var firstWarning: Duration?
        while process.isRunning, clock.now - start < .seconds(60) {
            if firstWarning == nil, (try? String(contentsOf: err, encoding: .utf8))?.contains("warning:") == true {
                firstWarning = clock.now - start
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        _ = await process.exit(within: .zero)
        let ended = clock.now - start
        let errors = try String(contentsOf: err, encoding: .utf8)
        if firstWarning == nil, errors.contains("warning:") { firstWarning = ended }
        return TimedRun(status: process.terminationStatus, output: try String(contentsOf: out, encoding: .utf8),
                        errors: errors, firstWarning: firstWarning, ended: ended)
    }
}
