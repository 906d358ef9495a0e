import Foundation
import FunnelTestSupport

/// A copy of `examples/lead-funnel` in a temporary folder (its sandbox and state beside it), driven
/// through the built `funnel` executable as a user would.
struct ExampleFunnel {
    let directory: URL
    var config: String { directory.appendingPathComponent("funnel.yaml").path }
    var leads: URL { directory.appendingPathComponent("leads.csv") }

    /// Where each stage of the example's `card.phase.map` sends a card (nil: `lost`, archived or never created).
    static let places: [String: String] = [
        "new": "New Lead", "contacted": "Contacted", "qualified": "Qualified", "proposal": "Proposal Sent",
        "negotiation": "Negotiating", "won": "Win",
    ]
    static let phases = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"]

    static func copy() throws -> ExampleFunnel {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let example = Browser.packageRoot.appendingPathComponent("examples/lead-funnel")
        for name in ["funnel.yaml", "leads.csv"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return ExampleFunnel(directory: directory)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// `funnel ARGUMENTS` with NO_COLOR and no CI progress noise.
    func funnel(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        try await FunnelExecutable.run(arguments, environment: ["NO_COLOR": "1", "COLUMNS": "100"], in: directory)
    }

    /// `id → stage` as the CSV holds it now.
    func stages() throws -> [(id: String, stage: String)] {
        let rows = try String(contentsOf: leads, encoding: .utf8).split(separator: "\n").dropFirst()
        return rows.map { row in
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            return (String(cells[0]), String(cells[6]))
        }
    }

    /// Sets the `stage` column of the given records (the example's CSV has no quoted commas).
    func setStages(_ changes: [String: String]) throws {
        let lines = try String(contentsOf: leads, encoding: .utf8).split(separator: "\n").map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let stage = changes[cells[0]] { cells[6] = stage }
            return cells.joined(separator: ",")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: leads)
    }
}
