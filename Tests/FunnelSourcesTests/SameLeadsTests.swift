import Foundation
import FunnelConfig
import FunnelCore
import FunnelSources
import FunnelTestSupport
import Testing

/// The same leads as CSV, JSON, NDJSON and an HTTP API map to the same leads, rejections and digest.
@Suite("Same leads from every file and API source")
struct SameLeadsTests {
    static let columns = ["id", "first_name", "last_name", "email", "phone", "company", "stage"]
    static let rows: [[String]] = [
        ["101", "Ada", "Lovelace", "Ada@Example.com", "+44 20 7946 0018", "Analytical, Ltd", "new"],
        ["102", "Grace", "Hopper", "grace@navy.example", "", "", "contacted"],
        ["103", "Alan", "Turing", "alan@", "", "Bletchley", "qualified"],
        ["104", "Katherine", "Johnson", "kj@nasa.example", "", "NASA \"Langley\"", "won"],
        ["105", "Edsger", "Dijkstra", "ed@tue.example", "", "", "paused"],
        ["106", "Barbara", "Liskov", "barbara@mit.example", "", "MIT", "lost"],
    ]

    static var objects: [JSONValue] {
        rows.map { row in .object(Dictionary(uniqueKeysWithValues: zip(columns, row.map(JSONValue.string)))) }
    }

    static func csv() -> String {
        func quote(_ value: String) -> String {
            value.contains(",") || value.contains("\"") ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        return ([columns] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ value: JSONValue) throws -> String {
        String(decoding: try JSONEncoderFactory.sorted.encode(value), as: UTF8.self)
    }

    @Test("csv, json, ndjson and http agree")
    func agree() async throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let csvPath = try directory.write("leads.csv", Self.csv())
        let jsonPath = try directory.write("leads.json", try Self.json(.object(["data": .object(["items": .array(Self.objects)])])))
        let ndjsonPath = try directory.write("leads.ndjson", try Self.objects.map(Self.json).joined(separator: "\n") + "\n")

        let csv = try await TestConfig.mapSource(TestConfig.make(source: SourceSpec(key: "id", kind: .csv(CSVSource(path: csvPath)))))
        let json = try await TestConfig.mapSource(TestConfig.make(source: SourceSpec(key: "id", kind: .json(JSONFileSource(path: jsonPath, recordsPointer: "/data/items")))))
        let ndjson = try await TestConfig.mapSource(TestConfig.make(source: SourceSpec(key: "id", kind: .ndjson(NDJSONSource(path: ndjsonPath)))))
        let api = FakeJSONAPI(records: Self.objects, paging: .cursor, pageSize: 4)
        let http = try await api.run { base in
            try await TestConfig.mapSource(TestConfig.make(source: SourceSpec(key: "id", kind: .http(HTTPSource(
                url: base + "/leads", recordsPointer: "/data", pagination: .cursor(pointer: "/next_cursor", parameter: "cursor"))))))
        }

        #expect(csv.leads.count == 4)
        #expect(csv.rejected.map(\.key) == ["103", "105"])
        #expect(csv.leads.first { $0.key == "104" }?.cardDescription == "NASA \"Langley\"")
        for other in [json, ndjson, http] {
            #expect(withoutLocations(other) == withoutLocations(csv))
            #expect(other.rejected.map(\.reason) == csv.rejected.map(\.reason))
            #expect(other.snapshotDigest == csv.snapshotDigest)
            #expect(other.recordCount == 6)
        }
        #expect(csv.leads.first?.provenance.record?.hasSuffix("leads.csv:2") == true)
        #expect(ndjson.leads.first?.provenance.record?.hasSuffix("leads.ndjson:1") == true)
        #expect(json.leads.first?.provenance.record?.hasSuffix("leads.json record 1") == true)
        #expect(http.leads.last?.provenance.record?.contains("/leads page 2 record") == true)
    }

    @Test("malformed JSON and NDJSON name the position")
    func malformedJSON() async throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let ndjson = try directory.write("leads.ndjson", "{\"id\": \"1\"}\n\n{\"id\": \"2\", \"stage\": new}\n")
        let (_, error) = await collect(SourceFactory.make(SourceSpec(key: "id", kind: .ndjson(NDJSONSource(path: ndjson))), logger: TestConfig.logger))
        #expect((error as? SourceError)?.description.hasSuffix("leads.ndjson:3: invalid JSON at column 22: invalid literal; expected null") == true,
                "\(String(describing: error))")

        let json = try directory.write("leads.json", "[\n  {\"id\": \"1\"},\n  {\"id\": \"2\",}\n]")
        let (_, jsonError) = await collect(SourceFactory.make(SourceSpec(key: "id", kind: .json(JSONFileSource(path: json))), logger: TestConfig.logger))
        #expect((jsonError as? SourceError)?.description.contains("leads.json:3: invalid JSON at column 14: expected a quoted object key") == true, "\(String(describing: jsonError))")

        let wrongPointer = try directory.write("wrapped.json", "{\"data\": {\"items\": 5}}")
        let (_, pointerError) = await collect(SourceFactory.make(SourceSpec(key: "id", kind: .json(JSONFileSource(path: wrongPointer, recordsPointer: "/data/items"))), logger: TestConfig.logger))
        #expect((pointerError as? SourceError)?.message == "expected an array of records at the records pointer \"/data/items\", found a number")
    }
}
