import Foundation
import FunnelConfig
import Yams

/// Every piece of YAML the project prints for people to copy: the ```yaml blocks and the inline
/// `wix: …`-style spans of README.md and of every Markdown file under docs/ and examples/, the
/// example configs, and `funnel init`'s starter. New files are picked up by walking the folders.
///
/// How a snippet is checked (the rules a writer follows):
/// 1. A block whose first line is a comment naming another file (`# .github/workflows/plan.yml`)
///    belongs to another tool: it must parse as YAML.
/// 2. A block with a top-level `version:` is a whole funnel.yaml: it must load as written.
/// 3. A block of comments only has nothing to load: it must parse as YAML.
/// 4. Anything else is a fragment and must load once placed into `base`: top-level keys
///    (`wix:`, `state:`, …) replace those sections; keys of one section (`phases:`) go under it.
///    A fragment that fits nowhere is a failure, never a skip.
/// Every `${NAME}` a snippet names is set in the environment it is loaded with, and nothing else.
struct DocumentationSnippet: CustomStringConvertible, Sendable {
    /// `docs/config.md:93`.
    var origin: String
    var text: String
    /// Where a loaded config says it lives (relative paths in it resolve from there).
    var configPath: String

    var description: String { origin }

    /// The root of the repository (this file is Tests/FunnelConfigTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func all() throws -> [DocumentationSnippet] {
        var snippets: [DocumentationSnippet] = []
        for file in try markdownFiles() { snippets += try fromMarkdown(file) }
        for file in try exampleConfigs() {
            let text = try String(contentsOf: file, encoding: .utf8)
            snippets.append(DocumentationSnippet(origin: relative(file), text: text, configPath: file.path))
        }
        snippets.append(DocumentationSnippet(origin: "funnel init (StarterProject.funnelYAML)", text: StarterProject.exampleText,
                                             configPath: "/starter/funnel.yaml"))
        return snippets
    }

    /// README.md and every `.md` under docs/ and examples/.
    static func markdownFiles() throws -> [URL] {
        [root.appendingPathComponent("README.md")] + (try files(under: "docs", extensions: ["md"]))
            + (try files(under: "examples", extensions: ["md"]))
    }

    /// The YAML files under examples/ that are funnel configs (a top-level `version:` or `wix:`);
    /// the others (a GitHub Actions workflow) are another tool's and checked by its own linter.
    static func exampleConfigs() throws -> [URL] {
        try files(under: "examples", extensions: ["yaml", "yml"]).filter { file in
            let keys = topLevelKeys(try String(contentsOf: file, encoding: .utf8))
            return keys.contains("version") || keys.contains("wix")
        }
    }

    private static func files(under folder: String, extensions: Set<String>) throws -> [URL] {
        let directory = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { extensions.contains($0.pathExtension) }
            .filter { !$0.pathComponents.contains(".funnel") }.sorted { $0.path < $1.path }
    }

    static func relative(_ file: URL) -> String {
        String(file.path.dropFirst(root.path.count + 1))
    }

    /// The ```yaml blocks and the inline spans that start with a top-level key (`state: …`).
    static func fromMarkdown(_ file: URL) throws -> [DocumentationSnippet] {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let configPath = file.deletingLastPathComponent().appendingPathComponent("funnel.yaml").path
        var snippets: [DocumentationSnippet] = []
        var fence: (start: Int, indent: Int, yaml: Bool, body: [String])?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if trimmed.hasPrefix("```") {
                if let open = fence {
                    if open.yaml {
                        snippets.append(DocumentationSnippet(origin: "\(relative(file)):\(open.start + 1)",
                                                             text: open.body.joined(separator: "\n") + "\n", configPath: configPath))
                    }
                    fence = nil
                } else {
                    let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
                    fence = (index, indent, info == "yaml" || info == "yml", [])
                }
                continue
            }
            if var open = fence {
                open.body.append(String(line.dropFirst(min(open.indent, indent))))
                fence = open
                continue
            }
            let spans = line.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            for span in spans where ConfigKeys.root.keys.contains(where: { span.hasPrefix("\($0): ") }) {
                snippets.append(DocumentationSnippet(origin: "\(relative(file)):\(index + 1) `\(span)`", text: span + "\n",
                                                     configPath: configPath))
            }
        }
        return snippets
    }

    /// The keys at column 0 (`wix` in `wix: { … }` and in `wix:` followed by a block).
    static func topLevelKeys(_ text: String) -> [String] {
        text.components(separatedBy: "\n").compactMap { line in
            guard let first = line.first, first.isLetter || first == "_", let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            let rest = line[line.index(after: colon)...]
            return rest.isEmpty || rest.first == " " ? String(key) : nil
        }
    }

    // MARK: checking

    enum Kind: Equatable, Sendable {
        case otherTool, wholeConfig, commentsOnly
        /// Placed at the top level, or under the named section.
        case fragment(section: String?)
        case unplaceable(String)
    }

    var kind: Kind {
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let first = lines.first, first.hasPrefix("#"),
           let name = first.dropFirst().trimmingCharacters(in: .whitespaces).split(separator: " ").first,
           name.hasSuffix(".yml") || name.hasSuffix(".yaml"), !name.hasSuffix("funnel.yaml"), !name.hasSuffix("funnel.yml") {
            return .otherTool
        }
        if lines.allSatisfy({ $0.hasPrefix("#") }) { return .commentsOnly }
        let keys = Self.topLevelKeys(text)
        if keys.contains("version") { return .wholeConfig }
        guard !keys.isEmpty else { return .unplaceable("no top-level key") }
        if keys.allSatisfy(ConfigKeys.root.keys.contains) { return .fragment(section: nil) }
        let homes = Self.sections.filter { section in keys.allSatisfy(section.keys.contains) }.map(\.name)
        guard homes.count == 1 else {
            return .unplaceable("keys \(keys) fit \(homes.isEmpty ? "no section" : "several sections: \(homes)")")
        }
        return .fragment(section: homes[0])
    }

    /// The sections a fragment's keys may belong to, with every key each accepts.
    static let sections: [(name: String, keys: Set<String>)] = [
        ("wix", Set(ConfigKeys.wix.keys)), ("workflow", Set(ConfigKeys.workflow.keys)),
        ("source", Set([ConfigKeys.sourceCSV, ConfigKeys.sourceJSON, ConfigKeys.sourceNDJSON, ConfigKeys.sourceHTTP,
                        ConfigKeys.sourceHubSpot, ConfigKeys.sourcePipedrive].flatMap(\.keys))),
        ("contact", Set(ConfigKeys.contact.keys)), ("card", Set(ConfigKeys.card.keys)), ("policy", Set(ConfigKeys.policy.keys)),
    ]

    /// The smallest config a fragment is placed into: each section as its sub-keys' lines.
    static let base: [(section: String, entries: [(key: String, text: String)])] = [
        ("version", [("", "version: 1")]),
        ("wix", [("sandbox", "sandbox: .funnel/sandbox.json")]),
        ("workflow", [("name", "name: Lead Funnel"),
                      ("phases", "phases: [New Lead, Contacted, Qualified, Proposal Sent, Negotiating]")]),
        ("source", [("type", "type: csv"), ("path", "path: leads.csv"), ("key", "key: id")]),
        ("contact", [("match", "match: email"), ("fields", "fields:\n  email: \"{{ email }}\"")]),
        // Only $win and $archive: a fragment that renames phases must not break the map.
        ("card", [("source", "source: My CRM"), ("name", "name: \"{{ name }}\""),
                  ("phase", "phase:\n  from: stage\n  map: { won: $win, lost: $archive }")]),
    ]

    /// The text loaded for this snippet (nil for the kinds that are only parsed).
    var configText: String? {
        switch kind {
        case .otherTool, .commentsOnly, .unplaceable: return nil
        case .wholeConfig: return text
        case .fragment(nil):
            let replaced = Set(Self.topLevelKeys(text))
            let kept = Self.base.filter { !replaced.contains($0.section) }.map(Self.render)
            return (kept + [text]).joined(separator: "\n") + "\n"
        case .fragment(let section?):
            let given = Set(Self.topLevelKeys(text))
            let indented = text.components(separatedBy: "\n").map { $0.isEmpty ? $0 : "  " + $0 }.joined(separator: "\n")
            return Self.base.map { entry in
                guard entry.section == section else { return Self.render(entry) }
                // A source fragment with its own type replaces the whole source: keys differ per type.
                let keep = section == "source" && given.contains("type") ? [] : entry.entries.filter { !given.contains($0.key) }
                return Self.render((section, keep)) + "\n" + indented
            }.joined(separator: "\n") + "\n"
        }
    }

    private static func render(_ entry: (section: String, entries: [(key: String, text: String)])) -> String {
        if entry.section == "version" { return entry.entries.map(\.text).joined(separator: "\n") }
        let body = entry.entries.map { $0.text.components(separatedBy: "\n").map { "  " + $0 }.joined(separator: "\n") }
        return ([entry.section + ":"] + body).joined(separator: "\n")
    }

    /// `${NAME}` and `${NAME:-default}` names in the snippet, each given a value of the right shape.
    var environment: [String: String] {
        let pattern = #/\$\{([A-Za-z_][A-Za-z0-9_]*)/#
        var environment: [String: String] = [:]
        for match in text.matches(of: pattern) {
            let name = String(match.output.1)
            environment[name] = switch name {
            case _ where name.hasSuffix("STATE_URL"): "postgres://funnel:secret@db.internal:5432/funnel"
            case _ where name.hasSuffix("_URL"): "https://crm.example.com/api"
            default: "value-of-\(name.lowercased())"
            }
        }
        return environment
    }

    /// Parses every document of the snippet as YAML; the error, if any.
    var yamlError: String? {
        do {
            var documents = try Yams.compose_all(yaml: text)
            while documents.next() != nil {}
            return documents.error.map { "\($0)" }
        } catch {
            return "\(error)"
        }
    }
}
