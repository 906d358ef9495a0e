import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore

/// The funnels of `serve --funnels DIR` and `status --funnels DIR`: every `*.yaml` / `*.yml` file
/// directly in DIR, named by its file name without the extension, loaded and validated together
/// (all diagnostics printed; any error refuses the whole folder, so a typo never silently drops a
/// funnel from the fleet).
struct FleetConfigs {
    struct Entry: Sendable {
        var name: String
        var path: String
        var configuration: FunnelConfiguration
    }

    var entries: [Entry]

    static func load(_ directory: String) throws -> FleetConfigs {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
        } catch {
            Terminal.err("error: --funnels \(directory): not a readable folder")
            throw ExitCode(1)
        }
        guard !files.isEmpty else {
            Terminal.err("error: --funnels \(directory): no *.yaml funnel configs in it")
            throw ExitCode(1)
        }
        let loader = ConfigLoader(environment: Terminal.environment)
        var entries: [Entry] = []
        var failed = false
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            let result = loader.load(contentsOf: path)
            for diagnostic in result.diagnostics { Terminal.err(diagnostic.description) }
            guard let configuration = result.configuration else { failed = true; continue }
            let name = (file as NSString).deletingPathExtension
            entries.append(Entry(name: name, path: path, configuration: configuration))
        }
        guard !failed else { throw ExitCode(1) }
        var seen: [String: String] = [:]
        for entry in entries {
            let namespace = entry.configuration.stateNamespace
            if let other = seen[namespace] {
                Terminal.err("error: \(entry.path): the same Wix site and workflow as \(other) (\(namespace)); "
                                     + "two configs must not write one funnel")
                throw ExitCode(1)
            }
            seen[namespace] = entry.path
        }
        return FleetConfigs(entries: entries)
    }
}
