import Foundation
import FunnelCore
import FunnelRender
import FunnelTestSupport
import Testing

@Suite("The plan JSON document")
struct PlanDocumentTests {
    @Test("a saved plan reads back equal", arguments: PlanFixtures.all.map(\.name))
    func roundTrip(name: String) throws {
        let plan = PlanFixtures.all.first { $0.name == name }!.plan
        let text = try PlanRenderer.json(plan, options: .planFile)
        #expect(try PlanRenderer.decode(Data(text.utf8)) == plan)
    }

    @Test("milliseconds of created_at survive")
    func milliseconds() throws {
        var plan = PlanFixtures.empty
        plan.createdAt = Date(timeIntervalSince1970: 1_795_939_200.25)
        let text = try PlanRenderer.json(plan, options: .planFile)
        #expect(text.contains("\"created_at\" : \"2026-11-29T08:00:00.250Z\""))
        #expect(try PlanRenderer.decode(Data(text.utf8)).createdAt == plan.createdAt)
        // Timestamps written by other tools without milliseconds are read too.
        let plain = text.replacingOccurrences(of: "08:00:00.250Z", with: "08:00:01Z")
        #expect(try PlanRenderer.decode(Data(plain.utf8)).createdAt == Date(timeIntervalSince1970: 1_795_939_201))
    }

    @Test("keys are snake_case and sorted")
    func keys() throws {
        let text = try PlanRenderer.json(PlanFixtures.everyAction, options: .planFile)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(object["personal_data_masked"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["line"] as? String == "Plan: 1 to create, 6 to move, 4 to update, 2 to archive.")
        #expect(summary["delete"] as? Int == 1)
        for key in try allKeys(text) { #expect(key == key.lowercased(), "key \(key) is not snake_case") }
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topLevel == topLevel.sorted())
    }

    @Test("operations are tagged objects; ids not yet known point at their step")
    func operations() throws {
        let text = try PlanRenderer.json(PlanFixtures.firstApply, options: .planFile)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        let create = try #require(steps[6]["operation"] as? [String: Any])
        #expect(create["type"] as? String == "create_card")
        #expect(create["phase"] as? [String: Int] == ["win_phase_of_step": 1])
        #expect(create["contact"] as? String == "c-5521")
        #expect(create["record_key"] as? String == "L-002")
        #expect(steps[6]["depends_on"] as? [Int] == [1])
        let bindings = try #require(object["bindings"] as? [[String: Any]])
        #expect(bindings[1]["phase"] as? [String: Int] == ["win_phase_of_step": 1])
        #expect(bindings[1]["card_name"] as? String == "Bruno Diaz")
        #expect((bindings[0]["contact_fields"] as? [String: String])?["email"] == "ilse.keller@example.com")
        let phases = try #require(object["phase_bindings"] as? [[String: Any]])
        #expect(phases[0]["stage_id"] as? String == "11")
    }

    @Test("a masked document leaves out the record bindings (they hold contact fields)")
    func maskedBindings() throws {
        let text = try PlanRenderer.json(PlanFixtures.firstApply, options: RenderOptions(color: false, showPersonalData: false))
        #expect(!text.contains("\"bindings\""))
        #expect(text.contains("\"phase_bindings\""))
    }

    @Test("a newer format_version is refused with a clear message")
    func futureVersion() throws {
        var text = try PlanRenderer.json(PlanFixtures.empty, options: .planFile)
        text = text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 2")
        #expect(throws: PlanDocumentError.unsupportedFormatVersion(found: 2, supported: [1])) {
            try PlanRenderer.decode(Data(text.utf8))
        }
        let message = PlanDocumentError.unsupportedFormatVersion(found: 2, supported: [1]).description
        #expect(message.contains("format_version 2") && message.contains("reads format_version 1"))
    }

    @Test("a masked document can be shown but not applied")
    func masked() throws {
        let data = Data(try PlanRenderer.json(PlanFixtures.firstApply, options: RenderOptions(color: false,
                                                                                             showPersonalData: false)).utf8)
        #expect(throws: PlanDocumentError.personalDataMasked) { try PlanRenderer.decode(data) }
        let plan = try PlanRenderer.decode(data, allowMasked: true)
        #expect(plan.steps[4].after?["email"] == "i***@example.com")
    }

    @Test("files that are not plans are named as such", arguments: [
        ("not json", PlanDocumentError.notJSON(detail: "")),
        ("[1, 2]", .notAPlan),
        ("{\"steps\": []}", .notAPlan),
    ])
    func notAPlan(text: String, expected: PlanDocumentError) {
        do {
            _ = try PlanRenderer.decode(Data(text.utf8))
            Issue.record("decoded \(text)")
        } catch let error as PlanDocumentError {
            if case .notJSON = expected, case .notJSON = error { return }
            #expect(error == expected)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a broken step names the path of the problem")
    func invalidPath() throws {
        var text = try PlanRenderer.json(PlanFixtures.firstApply, options: .planFile)
        text = text.replacingOccurrences(of: "\"type\" : \"create_card\"", with: "\"type\" : \"teleport_card\"")
        #expect(throws: PlanDocumentError.invalid(path: "steps[5].operation.type",
                                                  message: "unknown operation type \"teleport_card\"")) {
            try PlanRenderer.decode(Data(text.utf8))
        }
        let missing = try PlanRenderer.json(PlanFixtures.empty, options: .planFile)
            .replacingOccurrences(of: "\"state_serial\" : 4,", with: "")
        #expect(throws: PlanDocumentError.invalid(path: "state_serial", message: "missing")) {
            try PlanRenderer.decode(Data(missing.utf8))
        }
    }

    private func allKeys(_ text: String) throws -> [String] {
        func walk(_ value: Any) -> [String] {
            if let object = value as? [String: Any] {
                // before/after hold display values keyed by field name; they are data, not format keys.
                return object.flatMap { key, value in [key] + (key == "before" || key == "after" ? [] : walk(value)) }
            }
            if let array = value as? [Any] { return array.flatMap(walk) }
            return []
        }
        return walk(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }
}
