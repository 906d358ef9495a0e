import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator
import FunnelState

/// Issue 20 on the sandbox over HTTP: labels, custom fields and update rules, planned and applied.
@Suite("labels and custom fields against the sandbox", .serialized)
struct FieldMappingEndToEndTests {
    static let header = ["id", "first_name", "last_name", "email", "stage", "owner", "amount", "close_date", "industry"]
    static let rows: [[String]] = [
        ["L-1", "Ines", "Brunet", "ines@example.com", "new", "Dana", "1200", "2027-01-15", "Retail"],
        ["L-2", "Omar", "Haddad", "omar@example.com", "contacted", "Sam", "800.50", "2027-02-01", "Energy"],
        ["L-3", "Mia", "Kowalski", "mia@example.com", "qualified", "Dana", "", "", "Retail"],
    ]

    static func mapped(_ harness: KitHarness, update: [String: UpdateRule] = [:]) -> KitHarness {
        var harness = harness
        harness.contact = ContactSpec(
            match: .email,
            fields: ["first": TemplateSpec("{{ first_name }}"), "last": TemplateSpec("{{ last_name }}"),
                     "email": TemplateSpec("{{ email | lower }}")],
            labels: [TemplateSpec("From My CRM"), TemplateSpec("Owner: {{ owner }}")],
            custom: [CustomFieldSpec(name: "Deal value", type: .number, value: TemplateSpec("{{ amount }}")),
                     CustomFieldSpec(name: "Close date", type: .date, value: TemplateSpec("{{ close_date }}")),
                     CustomFieldSpec(name: "Industry", value: TemplateSpec("{{ industry }}"))],
            update: update)
        return harness
    }

    /// The contact with `email` as the sandbox holds it: its label display names and custom values by field name.
    static func contact(_ harness: KitHarness, _ email: String) async throws -> (labels: Set<String>, custom: [String: JSONValue]) {
        let client = harness.client
        let contact = try #require(try await client.contacts(emails: [email]).first)
        let labels = Dictionary(try await client.labels().collect().map { ($0.key, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let fields = Dictionary(try await client.extendedFields().collect().map { ($0.key, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        var custom: [String: JSONValue] = [:]
        for (key, value) in contact.info?.extendedFields?.items ?? [:] where key.hasPrefix("custom.") { custom[fields[key] ?? key] = value }
        return (Set((contact.info?.labelKeys?.items ?? []).map { labels[$0] ?? $0 }), custom)
    }

    @Test("first apply creates each definition once and every value; the next plan is clean")
    func firstApply() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base)
            try harness.writeCSV(header: Self.header, rows: Self.rows)
            let plan = try await harness.plan()
            let definitionSteps = plan.steps.filter { step in step.group == .definitions }
            #expect(definitionSteps.map(\.address) == [
                #"field["Deal value"]"#, #"field["Close date"]"#, #"field["Industry"]"#,
                #"label["From My CRM"]"#, #"label["Owner: Dana"]"#, #"label["Owner: Sam"]"#,
            ])
            let contactSteps = plan.steps.filter { step in step.action == .createContact }
            let waiting = contactSteps.filter { step in !step.dependsOn.isEmpty }
            #expect(contactSteps.count == 3 && waiting.count == 3, "each contact create waits for its definitions")
            let report = try await harness.apply()
            #expect(report.succeeded)
            let stats = try await harness.sandbox.stats()
            #expect(stats.count(.findOrCreateLabel) == 3)
            #expect(stats.count(.findOrCreateExtendedField) == 3)
            let ines = try await Self.contact(harness, "ines@example.com")
            #expect(ines.labels == ["From My CRM", "Owner: Dana"])
            #expect(ines.custom == ["Deal value": .number(1200), "Close date": .string("2027-01-15"), "Industry": .string("Retail")])
            let omar = try await Self.contact(harness, "omar@example.com")
            #expect(omar.custom["Deal value"] == .number(800.5))
            let mia = try await Self.contact(harness, "mia@example.com")
            #expect(mia.custom == ["Industry": .string("Retail")])
            let again = try await harness.plan()
            #expect(again.steps.isEmpty, "\(again.steps.map(\.address))")
        }
    }

    @Test("a CRM change moves exactly the changed field; a label added by hand survives an owner change")
    func changes() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base)
            var rows = Self.rows
            try harness.writeCSV(header: Self.header, rows: rows)
            try await harness.apply()

            rows[0][6] = "1500"
            try harness.writeCSV(header: Self.header, rows: rows)
            let plan = try await harness.plan()
            #expect(plan.steps.count == 1)
            let step = try #require(plan.steps.first)
            #expect(step.address == #"contact["L-1"]"#)
            #expect(step.before == ["Deal value": "1200"] && step.after == ["Deal value": "1500"])
            try await harness.apply()
            #expect(try await Self.contact(harness, "ines@example.com").custom["Deal value"] == .number(1500))
            #expect(try await harness.plan().steps.isEmpty)

            // A person labels Ines "VIP" in Wix; then the CRM hands her to Sam.
            let client = harness.client
            let vip = try await client.findOrCreateLabel(displayName: "VIP")
            let ines = try #require(try await client.contacts(emails: ["ines@example.com"]).first)
            try await client.labelContact(id: ines.id, labelKeys: [vip.key])
            rows[0][5] = "Sam"
            try harness.writeCSV(header: Self.header, rows: rows)
            let owner = try await harness.plan()
            #expect(owner.steps.map(\.address) == [#"contact["L-1"]"#])
            #expect(owner.steps.first?.after == ["labels": #"["From My CRM", "Owner: Sam"]"#])
            #expect(owner.steps.first?.before == ["labels": #"["From My CRM", "Owner: Dana"]"#])
            await harness.sandbox.resetStats()
            try await harness.apply()
            let stats = try await harness.sandbox.stats()
            #expect(stats.count(.labelContact) == 1 && stats.count(.unlabelContact) == 1 && stats.count(.updateContact) == 0)
            #expect(try await Self.contact(harness, "ines@example.com").labels == ["From My CRM", "Owner: Sam", "VIP"])
            #expect(try await harness.plan().steps.isEmpty)
        }
    }

    @Test("fill_empty and never hold a change back and say so")
    func updateRules() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base, update: ["Industry": .never, "Close date": .fillEmpty])
            var rows = Self.rows
            try harness.writeCSV(header: Self.header, rows: rows)
            try await harness.apply()
            rows[0][8] = "Finance"          // never
            rows[0][7] = "2027-03-01"       // fill_empty, Wix has a value
            rows[2][7] = "2027-04-01"       // fill_empty, Wix has none
            try harness.writeCSV(header: Self.header, rows: rows)
            let plan = try await harness.plan()
            #expect(plan.steps.map(\.address) == [#"contact["L-3"]"#])
            #expect(plan.steps.first?.after == ["Close date": "2027-04-01"])
            #expect(plan.notes.contains(#"contact["L-1"]: Industry not updated (update: never)"#))
            #expect(plan.notes.contains(#"contact["L-1"]: Close date not updated (update: fill_empty, Wix has a value)"#))
            try await harness.apply()
            let ines = try await Self.contact(harness, "ines@example.com")
            #expect(ines.custom["Industry"] == .string("Retail") && ines.custom["Close date"] == .string("2027-01-15"))
            #expect(try await Self.contact(harness, "mia@example.com").custom["Close date"] == .string("2027-04-01"))
        }
    }

    @Test("a field renamed in Wix's dashboard is still found by its key; a lost state creates no definition twice")
    func renameAndAdoption() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base)
            var rows = Self.rows
            try harness.writeCSV(header: Self.header, rows: rows)
            try await harness.apply()
            let client = harness.client
            let field = try #require(try await client.extendedFields().collect().first { $0.displayName == "Deal value" })
            try await client.renameExtendedField(key: field.key, displayName: "Deal amount")
            rows[1][6] = "900"
            try harness.writeCSV(header: Self.header, rows: rows)
            let plan = try await harness.plan()
            #expect(plan.steps.map(\.address) == [#"contact["L-2"]"#], "the renamed field is not created again")
            try await harness.apply()
            #expect(try await Self.contact(harness, "omar@example.com").custom["Deal amount"] == .number(900))

            try await harness.deleteState()
            await harness.sandbox.resetStats()
            let adopted = try await harness.plan()
            // The renamed field is no longer found by name: it is the one definition the lost state costs.
            #expect(adopted.steps.filter { $0.group == .definitions }.map(\.address) == [#"field["Deal value"]"#])
            #expect(!adopted.steps.contains { $0.action == .createContact || $0.action == .createCard })
        }
    }

    @Test("after a lost state no definition is created twice", arguments: StateBackend.available)
    func adoption(backend: StateBackend) async throws {
        try await withHarness(backend) { base in
            let harness = Self.mapped(base)
            try harness.writeCSV(header: Self.header, rows: Self.rows)
            try await harness.apply()
            try await harness.deleteState()
            let plan = try await harness.plan()
            #expect(plan.steps.isEmpty, "\(plan.steps.map(\.address))")
            try await harness.apply()
            let state = try await harness.withStore { try await $0.snapshot() }
            #expect(state.definitions.count == 6)
        }
    }

    @Test("a custom field that exists in Wix with another type is an error naming both")
    func typeConflict() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base)
            try harness.writeCSV(header: Self.header, rows: Self.rows)
            _ = try await harness.client.findOrCreateExtendedField(displayName: "Deal value", dataType: "TEXT")
            await #expect {
                try await harness.plan()
            } throws: { error in
                "\(error)".contains(#"custom field "Deal value" is number in contact.custom, but Wix has "Deal value""#)
                    && "\(error)".contains("as text")
            }
        }
    }

    @Test("card.due becomes the card's dueDate on create and follows a CRM change")
    func dueDate() async throws {
        try await withHarness(.sqlite) { base in
            var harness = Self.mapped(base)
            harness.card = CardSpec(source: "My CRM", name: TemplateSpec("{{ first_name }} {{ last_name }}"), description: nil,
                                    due: TemplateSpec("{{ close_date }}"), phase: PhaseMapping(from: "stage", map: KitHarness.stageMap))
            var rows = Self.rows
            try harness.writeCSV(header: Self.header, rows: rows)
            try await harness.apply()
            func due(_ name: String) async throws -> String? {
                let client = harness.client
                let workflow = try #require(try await client.workflows().collect().first)
                let card = try await client.cards(workflowId: workflow.id).collect().first { $0.info.name == name }
                return card?.info.dueDate.map { $0.formatted(.iso8601.year().month().day()) }
            }
            #expect(try await due("Ines Brunet") == "2027-01-15")
            #expect(try await due("Mia Kowalski") == nil)
            rows[0][7] = "2027-02-20"
            try harness.writeCSV(header: Self.header, rows: rows)
            let plan = try await harness.plan()
            let step = try #require(plan.steps.first { $0.address == #"card["L-1"]"# })
            #expect(step.before?["due"] == "2027-01-15" && step.after?["due"] == "2027-02-20")
            try await harness.apply()
            #expect(try await due("Ines Brunet") == "2027-02-20")
        }
    }

    @Test("a value that is not of its type rejects its record with its row")
    func badValue() async throws {
        try await withHarness(.sqlite) { base in
            let harness = Self.mapped(base)
            var rows = Self.rows
            rows[1][6] = "12k"
            try harness.writeCSV(header: Self.header, rows: rows)
            let plan = try await harness.plan()
            let rejected = try #require(plan.rejected.first)
            #expect(rejected.key == "L-2" && rejected.reason == #"contact.custom.Deal value: "12k" is not a number"#)
            #expect(rejected.location?.hasSuffix("leads.csv:3") == true)
        }
    }
}
