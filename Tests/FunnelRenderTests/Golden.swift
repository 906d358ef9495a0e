import Foundation
import Testing

/// Golden files in `Golden/`. Run with `FUNNEL_UPDATE_GOLDEN=1` to rewrite them from the current output,
/// then review the diff.
enum Golden {
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func expect(_ actual: String, matches name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if ProcessInfo.processInfo.environment["FUNNEL_UPDATE_GOLDEN"] == "1" {
            try? Data(actual.utf8).write(to: sourceFolder.appendingPathComponent(name))
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"),
              let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(name); run with FUNNEL_UPDATE_GOLDEN=1 to record it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
