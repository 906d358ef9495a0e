import ArgumentParser
import Foundation
import FunnelConfig

/// `funnel-bench config`: how long `ConfigLoader` takes on the example config and on a large one
/// (59 phases, 2,000 stage-map entries), and on a broken file with many errors.
struct ConfigBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Config loading and validation speed.")

    @Option(help: "Loads per case.")
    var iterations = 200

    func run() async throws {
        let loader = ConfigLoader(environment: ["WIX_SITE_ID": "site", "WIX_API_KEY": "key"])
        for (name, text) in Self.cases() {
            let clock = ContinuousClock()
            var diagnostics = 0
            let elapsed = clock.measure {
                for _ in 0..<iterations { diagnostics = loader.load(text: text, path: "/bench/funnel.yaml").diagnostics.count }
            }
            let perLoad = elapsed / iterations
            print("\(name): \(text.utf8.count) bytes, \(diagnostics) diagnostics, \(perLoad) per load (\(iterations) loads)")
        }
    }

    static func cases() -> [(String, String)] {
        let phases = (1...59).map { "    - Phase \($0)\n" }.joined()
        let map = (1...2000).map { "      stage\($0): Phase \($0 % 59 + 1)\n" }.joined()
        let large = """
        version: 1
        wix: { siteId: "${WIX_SITE_ID}", apiKey: "${WIX_API_KEY}" }
        workflow:
          name: Large
          phases:
        \(phases)source: { type: csv, path: leads.csv, key: id }
        contact: { fields: { email: "{{ email | lower }}", first: "{{ first }}", last: "{{ last }}" } }
        card:
          source: Bench
          name: "{{ first }} {{ last }}"
          phase:
            from: stage
            map:
        \(map)
        """
        let broken = large.replacingOccurrences(of: ": Phase 1\n", with: ": Phase One\n")
            .replacingOccurrences(of: "      stage7", with: "      stage7: $won\n      x7")
        return [("example", StarterProject.exampleText), ("large", large), ("large-broken", broken)]
    }
}
