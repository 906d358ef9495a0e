import FunnelConfig
import FunnelCore
import Testing

@Suite("Mapping templates")
struct MappingTemplateTests {
    static let record: [String: JSONValue] = [
        "first_name": .string("  Ada "), "last_name": .string("Lovelace"), "email": .string("Ada@Example.COM"),
        "company": .string(""), "amount": .number(1500), "ratio": .number(0.25), "vip": .bool(true), "gone": .null,
        "created": .string("2024-05-01T22:30:00.123+02:00"), "day": .string("2024-02-29"), "epoch": .string("1714521600000"),
        "contact": .object(["email": .string("x@y.io"), "tags": .array([.string("a"), .string("b")])]),
        "owner.name": .string("flat key with a dot"),
    ]

    static let compiledCases: [(String, String)] = [
        ("{{ first_name }}", "  Ada "),
        ("{{ first_name | trim }} {{ last_name | upper }}", "Ada LOVELACE"),
        ("{{ email | lower }}", "ada@example.com"),
        ("{{ company | default:\"(none)\" }}", "(none)"),
        ("{{ missing | default:'n/a' }}", "n/a"),
        ("{{ gone }}|{{ missing }}", "|"),
        ("{{ amount }} {{ ratio }} {{ vip }}", "1500 0.25 true"),
        ("{{ created | date }}", "2024-05-01"),
        ("{{ created | date:\"dd.MM.yyyy HH:mm\" }}", "01.05.2024 20:30"),
        ("{{ day | date:\"EEEE d MMMM\" }}", "Thursday 29 February"),
        ("{{ epoch | date }}", "2024-05-01"),
        ("{{ last_name | date }}", "Lovelace"),
        ("{{ contact.email }} {{ contact.tags.1 }}", "x@y.io b"),
        ("Deal: {{ first_name|trim|lower }}!", "Deal: ada!"),
        ("{# a comment #}{{ last_name }}", "Lovelace"),
    ]

    @Test("simple templates skip the engine and render exactly as Stencil does", arguments: compiledCases)
    func compiledMatchesEngine(text: String, expected: String) throws {
        let template = try TemplateSpec(text).template()
        #expect(template.isCompiled)
        #expect(try template.render(Self.record) == expected)
        #expect(try template.renderWithEngine(Self.record) == expected)
    }

    @Test("tags and other filters render through Stencil", arguments: [
        ("{% if vip %}VIP {% endif %}{{ last_name }}", "VIP Lovelace"),
        ("{{ last_name | capitalize }}", "Lovelace"),
        ("{{ contact.tags | join:\", \" }}", "a, b"),
        ("{{ missing | default:last_name }}", "Lovelace"),
    ])
    func engineTemplates(text: String, expected: String) throws {
        let template = try TemplateSpec(text).template()
        #expect(!template.isCompiled)
        #expect(try template.render(Self.record) == expected)
    }

    @Test("a flat key containing dots wins over nesting")
    func flatDottedKey() throws {
        #expect(try TemplateSpec("{{ owner.name }}").template().render(Self.record) == "flat key with a dot")
    }

    @Test("a syntax error names the config line")
    func syntaxError() throws {
        let location = SourceLocation(file: "/work/funnel.yaml", line: 31, column: 16)
        #expect {
            _ = try TemplateSpec("{% if first_name %}open", location: location).template()
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.location == location && diagnostic.severity == .error && diagnostic.message.contains("invalid template")
        }
        #expect(throws: Diagnostic.self) { _ = try TemplateSpec("{{ name | nosuchfilter }}", location: location).template() }
    }

    @Test("referenced fields and paths")
    func references() throws {
        let template = try TemplateSpec("{{ contact.email | lower }} {{ first_name }} {{ \"lit\" }}").template()
        #expect(template.referencedPaths == ["contact.email", "first_name"])
        #expect(template.referencedFields == ["contact", "first_name"])
    }
}
