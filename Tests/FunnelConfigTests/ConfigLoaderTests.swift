import Foundation
import FunnelConfig
import FunnelCore
import Testing

@Suite struct ConfigLoaderTests {
    static let minimal = """
    version: 1
    wix: { sandbox: sandbox.json }
    workflow: { name: W, phases: [A] }
    source: { type: csv, path: leads.csv, key: id }
    contact: { fields: { email: "{{ email }}" } }
    card: { source: S, name: "{{ n }}", phase: { from: stage, map: { a: A } } }

    """

    @Test func digestIsTheSHA256OfTheBytes() throws {
        let result = ConfigLoader(environment: [:]).load(text: Self.minimal, path: "/x/funnel.yaml")
        let config = try #require(result.configuration)
        // `shasum -a 256` of the same bytes.
        #expect(config.digest == "80434019ee34b956fb3a5bdcf15a5cb2b335e992e83aabeb2fc6aee151a6f699")
        let edited = ConfigLoader(environment: [:]).load(text: Self.minimal + "# comment\n", path: "/x/funnel.yaml")
        #expect(edited.configuration?.digest != config.digest)
        // Reading the file hashes the bytes on disk: the same digest.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-digest-\(UUID()).yaml")
        try Data(Self.minimal.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(ConfigLoader(environment: [:]).load(contentsOf: file.path).configuration?.digest == config.digest)
    }

    @Test func duplicateKeysAreAllReportedWhateverTheirStyle() {
        let text = """
        version: 1
        "version": 1
        wix: { sandbox: a.json, 'sandbox': b.json }
        workflow: { name: W, phases: [A] }
        source: { type: csv, path: leads.csv, key: id }
        contact: { fields: { email: "{{ email }}" } }
        card: { source: S, name: "{{ n }}", phase: { from: stage, map: { a: A, b: A, a: $win, 7: A, "7": A } } }

        """
        let messages = ConfigLoader(environment: [:]).load(text: text, path: "f.yaml").diagnostics.map(\.description)
        #expect(messages == [
            "f.yaml:2:1: error: duplicate key \"version\" at the top level (first at line 1)",
            "f.yaml:3:25: error: duplicate key \"sandbox\" in wix (first at line 3, column 8)",
            "f.yaml:7:78: error: duplicate key \"a\" in card.phase.map (first at line 7, column 66)",
            "f.yaml:7:93: error: duplicate key \"7\" in card.phase.map (first at line 7, column 87)",
        ])
    }

    @Test func aYAMLSyntaxErrorIsOneDiagnosticAtItsPosition() {
        let result = ConfigLoader(environment: [:]).load(text: "version: 1\nwix: [\n", path: "f.yaml")
        #expect(result.configuration == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location?.line == 3)
    }

    @Test func defaultsApplyWhenKeysAreLeftOut() throws {
        let config = try #require(ConfigLoader(environment: [:]).load(text: Self.minimal, path: "/x/funnel.yaml").configuration)
        #expect(config.contact.match == .email)
        #expect(config.statePath == "/x/.funnel/state.db")
        #expect(config.policy.missing == .archive)
        #expect(config.policy.drift == .revert)
        #expect(config.policy.maxArchive == .percent(10))
        #expect(config.policy.deletePhases)
        #expect(config.wix.endpoint == nil)
        guard case .csv(let csv) = config.source.kind else { Issue.record("expected csv"); return }
        #expect(csv.delimiter == ",")
    }

    @Test func loadingARelativePathResolvesAgainstTheCurrentDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-rel-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.minimal.utf8).write(to: directory.appendingPathComponent("funnel.yaml"))
        let result = ConfigLoader(environment: [:]).load(contentsOf: directory.appendingPathComponent("funnel.yaml").path)
        let config = try #require(result.configuration)
        guard case .csv(let csv) = config.source.kind else { Issue.record("expected csv"); return }
        #expect(csv.path.hasSuffix("/\(directory.lastPathComponent)/leads.csv"))
        #expect(csv.path.hasPrefix("/"))
    }

    @Test func aMissingFileIsOneError() {
        let result = ConfigLoader(environment: [:]).load(contentsOf: "/nonexistent/funnel.yaml")
        #expect(result.configuration == nil)
        #expect(result.diagnostics.map(\.description) == ["error: cannot load /nonexistent/funnel.yaml: no such file"])
    }

    @Test func theExampleIsValidAndSummarised() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/lead-funnel/funnel.yaml")
        let result = ConfigLoader(environment: [:]).load(contentsOf: example.path)
        #expect(result.diagnostics.map(\.description) == [])
        let config = try #require(result.configuration)
        #expect(config.validSummary(displayPath: "funnel.yaml") == "funnel.yaml is valid: 5 phases, csv source (leads.csv), sandbox.")
    }

    @Test func theStarterProjectIsValid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-init-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try StarterProject.write(into: directory)
        #expect(written.map { ($0 as NSString).lastPathComponent } == ["funnel.yaml", "leads.csv"])
        let result = ConfigLoader(environment: [:]).load(contentsOf: written[0])
        #expect(result.diagnostics.map(\.description) == [])
        #expect(throws: StarterProject.ExistingFiles.self) { try StarterProject.write(into: directory) }
        // Refusing writes nothing: an edited file survives.
        try Data("# mine\n".utf8).write(to: URL(fileURLWithPath: written[0]))
        #expect(throws: StarterProject.ExistingFiles.self) { try StarterProject.write(into: directory) }
        #expect(try String(contentsOfFile: written[0], encoding: .utf8) == "# mine\n")
    }

    @Test func summariesNameTheSourceAndTarget() throws {
        let site = ConfigLoader(environment: ["WIX_SITE_ID": "s", "HUBSPOT_TOKEN": "t", "WIX_APP_SECRET": "x"])
        let hubspot = try FixtureSupport.text("valid", "hubspot-mirror")
        let config = try #require(site.load(text: hubspot, path: "/x/funnel.yaml").configuration)
        #expect(config.validSummary(displayPath: "f.yaml")
            == "f.yaml is valid: phases mirrored from the source, hubspot source (pipeline default), Wix site.")
        let http = try #require(try FixtureSupport.load("valid", "http-cursor").configuration)
        #expect(http.validSummary(displayPath: "h.yaml") == "h.yaml is valid: 3 phases, http source (crm.example.com), sandbox.")
    }

    @Test func diagnosticsRenderAsJSON() {
        let diagnostics = [
            Diagnostic.error("boom \"x\"", at: SourceLocation(file: "f.yaml", line: 3, column: 5)),
            Diagnostic.warning("no position"),
        ]
        #expect(DiagnosticJSON.render([], file: "f.yaml") == "[]")
        #expect(DiagnosticJSON.render(diagnostics, file: "f.yaml") == """
        [
          {
            "column" : 5,
            "file" : "f.yaml",
            "line" : 3,
            "message" : "boom \\"x\\"",
            "severity" : "error"
          },
          {
            "column" : null,
            "file" : "f.yaml",
            "line" : null,
            "message" : "no position",
            "severity" : "warning"
          }
        ]
        """)
    }
}
