import FunnelConfig
import FunnelCore
import Testing

/// Every YAML snippet the project prints for people to copy loads through the real config loader
/// (the one `funnel validate` runs), with the environment variables it names set. The rules for
/// fragments are on `DocumentationSnippet`.
@Suite("documentation snippets")
struct DocumentationSnippetTests {
    @Test("the snippets are found: README, docs, examples, the starter")
    func found() throws {
        let snippets = try DocumentationSnippet.all()
        let origins = snippets.map(\.origin)
        #expect(origins.contains { $0.hasPrefix("README.md:") })
        #expect(origins.contains { $0.hasPrefix("docs/config.md:") })
        #expect(origins.contains("examples/lead-funnel/funnel.yaml"))
        #expect(origins.contains { (origin: String) in origin.hasPrefix("funnel init") })
        #expect(snippets.count >= 10)
    }

    @Test("every snippet loads", arguments: try DocumentationSnippet.all())
    func loads(snippet: DocumentationSnippet) throws {
        if let error = snippet.yamlError {
            Issue.record("\(snippet.origin) is not YAML: \(error)\n\(snippet.text)")
            return
        }
        switch snippet.kind {
        case .otherTool, .commentsOnly: return
        case .unplaceable(let why):
            let advice = "write whole sections, keys of one section, or a first-line comment naming another tool's file"
            Issue.record("\(snippet.origin): cannot tell which part of funnel.yaml this is (\(why)); \(advice)\n\(snippet.text)")
        case .wholeConfig, .fragment:
            let text = try #require(snippet.configText)
            let result = ConfigLoader(environment: snippet.environment).load(text: text, path: snippet.configPath)
            let errors = result.errors.map(\.description)
            #expect(errors.isEmpty, "\(snippet.origin) does not load:\n\(errors.joined(separator: "\n"))\n--- as loaded:\n\(text)")
        }
    }

    @Test("the placement rules", arguments: [
        ("wix: { sandbox: .funnel/sandbox.json }\n", DocumentationSnippet.Kind.fragment(section: nil)),
        ("phases:\n  - New Lead\n", .fragment(section: "workflow")),
        ("# .github/workflows/plan.yml\non: pull_request\n", .otherTool),
        ("# yaml-language-server: $schema=x\n", .commentsOnly),
        ("version: 1\n", .wholeConfig),
        ("phaes:\n  - New Lead\n", .unplaceable("keys [\"phaes\"] fit no section")),
    ])
    func placement(text: String, kind: DocumentationSnippet.Kind) {
        #expect(DocumentationSnippet(origin: "t", text: text, configPath: "/t/funnel.yaml").kind == kind)
    }

    /// The line issue 19 found in the README: it must fail here, or the check above checks nothing.
    @Test("an unquoted ${…} in a flow mapping is caught")
    func theOldReadmeLineFails() throws {
        let snippet = DocumentationSnippet(origin: "t", text: "wix: { siteId: ${WIX_SITE_ID}, apiKey: ${WIX_API_KEY} }\n",
                                           configPath: "/t/funnel.yaml")
        let text = try #require(snippet.configText)
        let loaded = ConfigLoader(environment: snippet.environment).load(text: text, path: "/t/funnel.yaml")
        #expect(snippet.yamlError != nil || !loaded.errors.isEmpty)
    }
}
