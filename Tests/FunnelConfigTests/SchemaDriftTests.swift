import Foundation
import FunnelConfig
import Testing

/// The JSON Schema and the loader must never disagree: each of the loader's key tables is an
/// object in the schema (`root` or `$defs/NAME`) with the same properties and the same required set.
@Suite struct SchemaDriftTests {
    static func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(FunnelSchema.text.utf8)) as? [String: Any])
    }

    static func object(_ schema: [String: Any], named name: String) -> [String: Any]? {
        name == "root" ? schema : (schema["$defs"] as? [String: Any])?[name] as? [String: Any]
    }

    @Test(arguments: ConfigKeys.all)
    func schemaObjectHasTheLoadersKeys(table: ConfigKeyTable) throws {
        let object = try #require(Self.object(try Self.schema(), named: table.name), "no $defs/\(table.name) in the schema")
        let properties = try #require(object["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(table.keys))
        #expect(Set(object["required"] as? [String] ?? []) == Set(table.required))
        #expect(object["additionalProperties"] as? Bool == false, "\(table.name) must reject unknown keys")
    }

    @Test func everyClosedSchemaObjectHasATable() throws {
        let definitions = try #require(try Self.schema()["$defs"] as? [String: Any])
        let tableNames = Set(ConfigKeys.all.map(\.name))
        for (name, value) in definitions {
            guard let object = value as? [String: Any], object["properties"] != nil else { continue }
            #expect(tableNames.contains(name), "$defs/\(name) has no key table in ConfigKeys")
        }
        #expect(Set(ConfigKeys.sourceByType.map(\.table.name)) == Set(definitions.keys.filter { $0.hasPrefix("source_") }))
    }

    @Test func everyPropertyHasADescription() throws {
        var missing: [String] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    for (key, property) in properties {
                        let described = (property as? [String: Any])?["description"] is String
                        // Properties inside if/then conditions are constraints, not documentation.
                        if !described, !path.contains("/if"), !path.contains("/then"), !path.contains("/else") {
                            missing.append("\(path)/\(key)")
                        }
                    }
                }
                for (key, child) in object where key != "properties" { walk(child, "\(path)/\(key)") }
                // Property names are not keywords: walk each property's schema, not the map itself.
                for (key, child) in object["properties"] as? [String: Any] ?? [:] { walk(child, "\(path)/properties/\(key)") }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { walk(child, "\(path)/\(index)") }
            }
        }
        walk(try Self.schema(), "#")
        #expect(missing.sorted() == [])
    }

    /// docs/config.md names every key the loader accepts (inside a code span).
    @Test func referenceDocumentsEveryKey() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/config.md")
        let spans = try String(contentsOf: file, encoding: .utf8).split(separator: "`").enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        let words = Set(spans.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init) })
        let undocumented = Set(ConfigKeys.all.flatMap(\.keys)).subtracting(words)
        #expect(undocumented.sorted() == [])
    }

    /// `schema/funnel.schema.json` is what `funnel schema` prints; regenerate it with
    /// `swift run funnel schema > schema/funnel.schema.json`.
    @Test func checkedInSchemaFileMatches() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema/funnel.schema.json")
        #expect(try String(contentsOf: file, encoding: .utf8) == FunnelSchema.text)
    }
}
