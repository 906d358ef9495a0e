import Foundation
import FunnelTestSupport
import Testing

/// The project `funnel init` writes (sandbox data file, `leads.csv`, `funnel.yaml`) in a temporary
/// directory, driven through the real `funnel` executable as a user drives it.
struct StarterFunnel {
    let directory: URL

    /// `funnel init DIR` in a fresh temporary directory.
    static func create() async throws -> StarterFunnel {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-starter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let funnel = StarterFunnel(directory: directory)
        let initialized = try await FunnelExecutable.run(["init", directory.path], in: directory)
        try #require(initialized.status == 0, "funnel init failed: \(initialized.errors)")
        return funnel
    }

    /// `create()`, then `apply --auto-approve`: 6 cards in the sandbox (lead 7 is `lost`, so it gets none).
    static func applied() async throws -> StarterFunnel {
        let funnel = try await create()
        let applied = try await funnel.run(["apply", "--auto-approve"])
        try #require(applied.status == 0, "the first apply failed: \(applied.errors)")
        return funnel
    }

    var configPath: String { directory.appendingPathComponent("funnel.yaml").path }
    var leadsPath: String { directory.appendingPathComponent("leads.csv").path }

    /// Runs `funnel arguments -c funnel.yaml` (the config is added when the command takes one).
    func run(_ arguments: [String], config: Bool = true,
             environment: [String: String] = [:]) async throws -> (status: Int32, output: String, errors: String) {
        try await FunnelExecutable.run(arguments + (config ? ["-c", configPath] : []), environment: environment, in: directory)
    }

    /// Sets the `stage` column of the leads with these ids.
    func setStage(_ stage: String, ids: [String]) throws {
        let lines = try String(contentsOfFile: leadsPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let edited = lines.map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let id = fields.first, ids.contains(id), fields.count > 1 else { return String(line) }
            fields[fields.count - 1] = stage
            return fields.joined(separator: ",")
        }
        try edited.joined(separator: "\n").write(toFile: leadsPath, atomically: true, encoding: .utf8)
    }

    /// Replaces a line of `funnel.yaml` that contains `marker` (the first one) by `replacement`.
    func editConfig(line marker: String, to replacement: String) throws {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(marker) }, "no line with \(marker) in funnel.yaml")
        lines[index] = replacement
        try lines.joined(separator: "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Sets `policy.max_archive` (the starter's line is `  max_archive: 10%   # …`).
    func setMaxArchive(_ value: String) throws {
        try editConfig(line: "max_archive:", to: "  max_archive: \(value)")
    }

    /// The line and column of the `max_archive` value in `funnel.yaml` (as the gate's message cites it).
    func maxArchiveLocation() throws -> String {
        let lines = try String(contentsOfFile: configPath, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("max_archive:") })
        let column = try #require(lines[index].range(of: "max_archive: ")).upperBound.utf16Offset(in: lines[index]) + 1
        return "\(configPath):\(index + 1):\(column)"
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// `--json` output of `plan`, decoded loosely (the parts the tests read).
struct PlanJSON {
    let object: [String: Any]

    init(_ text: String) throws {
        object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    var steps: [[String: Any]] { object["steps"] as? [[String: Any]] ?? [] }
    var archives: Int { steps.filter { $0["action"] as? String == "archive_card" }.count }
    var gate: [String: Any]? { object["gate"] as? [String: Any] }
}
