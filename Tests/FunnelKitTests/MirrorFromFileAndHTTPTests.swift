import Foundation
import FunnelCore
import FunnelTestSupport
import Testing

/// `workflow.phases: { from: source }` with stages declared in `source.stages`, for a JSON file and
/// an HTTP source, through the real `funnel` executable on the in-process sandbox: a stage renamed
/// (same id), the order changed, a stage added, and one retired after its leads moved on.
@Suite("phases mirrored from declared stages (json file and http, CLI)")
struct MirrorFromFileAndHTTPTests {
    static let before = """
        - { id: new, label: New Lead, order: 1 }
        - { id: contacted, label: Contacted, order: 2 }
        - { id: qualified, label: Qualified, order: 3 }
    """
    static let after = """
        - { id: qualified, label: Qualified, order: 1 }
        - { id: contacted, label: Reached Out, order: 2 }
        - { id: demo, label: Demo, order: 3 }
    """

    static func yaml(source: String, stages: String) -> String {
        """
        version: 1
        wix:
          sandbox: .funnel/sandbox.json
        workflow:
          name: Deals
          phases:
            from: source
        source:
        \(source)
          key: id
          stages:
        \(stages)
            - { id: won, label: Won, order: 9, kind: won }
            - { id: lost, label: Lost, order: 10, kind: lost }
        contact:
          match: email
          fields:
            email: "{{ email }}"
        card:
          source: Deals
          name: "{{ name }}"
          phase:
            from: stage

        """
    }

    static func records(_ stages: [String]) -> [JSONValue] {
        zip(["Ann", "Bob", "Cy"], stages).enumerated().map { index, pair in
            .object(["id": .string("\(index + 1)"), "name": .string(pair.0), "email": .string("\(pair.0.lowercased())@example.com"),
                     "stage": .string(pair.1)])
        }
    }

    static func json(_ records: [JSONValue]) throws -> Data {
        try JSONEncoder().encode(JSONValue.array(records))
    }

    @Test("rename by label with the same id, reorder, a new stage, a retired stage whose lead moved on", arguments: ["json", "http"])
    func mirror(kind: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-mirror-\(kind)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("funnel.yaml")
        let api = FakeJSONAPI(records: Self.records(["new", "contacted", "qualified"]), paging: .none)
        try await api.run { base in
            let source = kind == "json" ? "  type: json\n  path: deals.json" : "  type: http\n  url: \(base)/leads\n  records: /data"
            func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
                try await FunnelExecutable.run(arguments + ["-c", config.path], in: directory)
            }
            func write(stages: String, records: [JSONValue]) async throws {
                try Self.yaml(source: source, stages: stages).write(to: config, atomically: true, encoding: .utf8)
                try Self.json(records).write(to: directory.appendingPathComponent("deals.json"))
                await api.replaceRecords(records)
            }
            func board() async throws -> String {
                let shown = try await FunnelExecutable.run(["sandbox", "show", "--data", directory.appendingPathComponent(".funnel/sandbox.json").path],
                                                           in: directory)
                return shown.output
            }
            try await write(stages: Self.before, records: Self.records(["new", "contacted", "qualified"]))
            let first = try await run(["apply", "--auto-approve"])
            try #require(first.status == 0, "\(first.errors)")
            #expect(try await board().contains("New Lead  1 card(s)\n      - Ann"))

            try await write(stages: Self.after, records: Self.records(["contacted", "demo", "qualified"]))
            let plan = try await run(["plan", "--json"])
            #expect(plan.status == 0, "\(plan.errors)")
            let actions = try #require(try JSONSerialization.jsonObject(with: Data(plan.output.utf8)) as? [String: Any])["steps"]
                as? [[String: Any]] ?? []
            let lines = actions.map { "\($0["action"] as? String ?? "?") \($0["address"] as? String ?? "?")" }
            #expect(lines.contains("rename_phase phase[\"Reached Out\"]"), "\(lines)")
            #expect(lines.contains("create_phase phase[\"Demo\"]"), "\(lines)")
            #expect(lines.contains { $0.hasPrefix("move_phase ") }, "\(lines)")
            let move = try #require(lines.firstIndex(of: "move_card card[\"1\"]"), "\(lines)")
            let delete = try #require(lines.firstIndex(of: "delete_phase phase[\"New Lead\"]"), "\(lines)")
            #expect(move < delete)
            #expect(!lines.contains { $0.hasPrefix("create_card") || $0.hasPrefix("archive_card") }, "\(lines)")

            let applied = try await run(["apply", "--auto-approve"])
            #expect(applied.status == 0, "\(applied.errors)")
            let shown = try await board()
            let order = ["Qualified  1 card(s)\n      - Cy", "Reached Out  1 card(s)\n      - Ann", "Demo  1 card(s)\n      - Bob"]
                .map { shown.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(shown)")
            #expect(!shown.contains("New Lead"), "\(shown)")
            #expect(try await run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }
}
