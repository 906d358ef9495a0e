import Foundation
import FunnelConfig
import FunnelCore

/// Generated leads and the config that maps them, for `funnel-bench sources`.
enum SourcesBenchData {
    static let stages = ["new", "contacted", "qualified", "won", "lost"]
    static let firstNames = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen"]

    static let templates = [
        "{{ first_name | trim }}", "{{ last_name }}", "{{ email | lower }}", "{{ phone }}",
        "{{ first_name }} {{ last_name }}", "{{ company | default:\"-\" }} since {{ created | date }}",
    ]

    static let sampleRecord: [String: JSONValue] = [
        "id": .string("123456"), "first_name": .string("Ada"), "last_name": .string("Lovelace"),
        "email": .string("Ada.Lovelace123456@Example.com"), "phone": .string("+1 555 0123456"),
        "company": .string("Analytical Engines Ltd"), "stage": .string("qualified"), "created": .string("2024-05-01T10:00:00Z"),
    ]

    static func configuration(source: SourceSpec) -> FunnelConfiguration {
        let spec = { (text: String) in TemplateSpec(text, location: SourceLocation(file: "bench.yaml", line: 1, column: 1)) }
        return FunnelConfiguration(
            path: "bench.yaml", digest: "", version: 1, wix: WixSettings(target: .sandbox(dataPath: "/tmp/unused")),
            workflow: WorkflowSpec(name: "Bench", phases: .list([PhaseSpec(name: "New"), PhaseSpec(name: "Contacted"), PhaseSpec(name: "Qualified")])),
            source: source,
            contact: ContactSpec(match: .email, fields: ["first": spec(templates[0]), "last": spec(templates[1]),
                                                          "email": spec(templates[2]), "phone": spec(templates[3])]),
            card: CardSpec(source: "Bench", name: spec(templates[4]), description: spec(templates[5]),
                           phase: PhaseMapping(from: "stage", map: ["new": .phase("New"), "contacted": .phase("Contacted"),
                                                                    "qualified": .phase("Qualified"), "won": .win, "lost": .archive])),
            statePath: "/tmp/unused.db", policy: PolicySpec())
    }

    /// Writes `rows` leads as CSV and as NDJSON, streaming (a few MB at a time).
    static func write(rows: Int, csv: String, ndjson: String) throws {
        FileManager.default.createFile(atPath: csv, contents: nil)
        FileManager.default.createFile(atPath: ndjson, contents: nil)
        guard let csvFile = FileHandle(forWritingAtPath: csv), let jsonFile = FileHandle(forWritingAtPath: ndjson) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? csvFile.close(); try? jsonFile.close() }
        var csvText = "id,first_name,last_name,email,phone,company,stage,created\n"
        var jsonText = ""
        for index in 1...max(rows, 1) {
            let first = firstNames[index % firstNames.count], last = lastNames[(index / 8) % lastNames.count]
            let email = "\(first).\(last)\(index)@Example.com"
            let phone = "+1 555 \(1_000_000 + index % 9_000_000)"
            let company = index % 7 == 0 ? "" : "Company \(index % 5000), Inc"
            let stage = stages[index % stages.count]
            let created = "2024-\(index % 12 + 1 < 10 ? "0" : "")\(index % 12 + 1)-1\(index % 9)T10:00:00Z"
            csvText += "\(index),\(first),\(last),\(email),\(phone),\"\(company)\",\(stage),\(created)\n"
            jsonText += "{\"id\":\"\(index)\",\"first_name\":\"\(first)\",\"last_name\":\"\(last)\",\"email\":\"\(email)\",\"phone\":\"\(phone)\",\"company\":\"\(company)\",\"stage\":\"\(stage)\",\"created\":\"\(created)\"}\n"
            if csvText.utf8.count > 4 << 20 {
                csvFile.write(Data(csvText.utf8)); jsonFile.write(Data(jsonText.utf8))
                csvText = ""; jsonText = ""
            }
        }
        csvFile.write(Data(csvText.utf8)); jsonFile.write(Data(jsonText.utf8))
    }

    static func megabytes(_ path: String) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return String(format: "%.0f", Double(size) / 1_000_000)
    }

    /// Resets VmHWM to the current RSS (Linux: `5` to /proc/self/clear_refs).
    static func resetPeakMemory() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    /// VmHWM from /proc/self/status, in MB.
    static func peakMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
