import Foundation
import FunnelTestSupport
import Testing

/// Emails and phones are masked by default in every view the real `funnel` prints, and shown in
/// clear with `--show-personal-data` (the starter's leads: `ada@analytical.example`, `+44 20 5555 0101`).
@Suite("personal data in the command-line views")
struct PersonalDataCLITests {
    static let email = "ada@analytical.example"
    static let maskedEmail = "a***@analytical.example"
    static let phones = ["+44 20 5555 0101", "+442055550101"]
    static let maskedPhone = "+44******01"

    static func expectMasked(_ text: String, _ view: String) {
        #expect(!text.contains(email), "\(view) shows an email: \(text)")
        for phone in phones { #expect(!text.contains(phone), "\(view) shows a phone: \(text)") }
        #expect(text.contains(maskedEmail), "\(view): \(text)")
    }

    @Test("source preview (text): masked by default, in clear with --show-personal-data")
    func sourcePreviewText() async throws {
        let funnel = try await StarterFunnel.create()
        defer { funnel.remove() }
        let masked = try await funnel.run(["source", "preview"])
        #expect(masked.status == 0, "\(masked.errors)")
        Self.expectMasked(masked.output, "source preview")
        #expect(masked.output.contains(Self.maskedPhone), "\(masked.output)")
        #expect(masked.output.contains("Read 7 records: 7 mapped, 0 rejected."))
        let clear = try await funnel.run(["source", "preview", "--show-personal-data"])
        #expect(clear.status == 0)
        #expect(clear.output.contains(Self.email), "\(clear.output)")
    }

    @Test("source preview --json: every lead's email and phone masked by default, in clear with --show-personal-data")
    func sourcePreviewJSON() async throws {
        let funnel = try await StarterFunnel.create()
        defer { funnel.remove() }
        // Rejected records are masked too: a record keyed by its email, with an unmapped stage.
        try funnel.editConfig(line: "key: id", to: "  key: email")
        try funnel.setStage("unheard-of", ids: ["1"])
        let masked = try await funnel.run(["source", "preview", "--json"])
        #expect(masked.status == 0, "\(masked.errors)")
        Self.expectMasked(masked.output, "source preview --json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(masked.output.utf8)) as? [String: Any])
        let leads = try #require(document["leads"] as? [[String: Any]])
        #expect(leads.count == 6)
        for lead in leads {
            let contact = try #require(lead["contact"] as? [String: Any])
            let email = try #require(contact["email"] as? String)
            #expect(email.contains("***@"), "\(lead)")
            #expect((contact["phone"] as? String)?.contains("******") == true, "\(lead)")
        }
        let rejected = try #require(document["rejected"] as? [[String: Any]])
        #expect(rejected.first?["key"] as? String == Self.maskedEmail, "\(rejected)")
        let clear = try await funnel.run(["source", "preview", "--json", "--show-personal-data"])
        #expect(clear.output.contains(Self.email))
    }

    @Test("apply --json masks addresses like the text view; --show-personal-data shows them")
    func applyEvents() async throws {
        let funnel = try await StarterFunnel.create()
        defer { funnel.remove() }
        // Keyed by email, every address names an email: contact["ada@analytical.example"].
        try funnel.editConfig(line: "key: id", to: "  key: email")
        let json = try await funnel.run(["apply", "--auto-approve", "--json"])
        #expect(json.status == 0, "\(json.errors)")
        Self.expectMasked(json.output + json.errors, "apply --json")
        #expect(json.output.contains("\"address\":\"contact[\\\"\(Self.maskedEmail)\\\"]\""), "\(json.output)")

        try funnel.setStage("contacted", ids: ["1"])
        let text = try await funnel.run(["apply", "--auto-approve"])
        #expect(text.status == 0, "\(text.errors)")
        Self.expectMasked(text.output + text.errors, "apply")

        try funnel.setStage("qualified", ids: ["1"])
        let clear = try await funnel.run(["apply", "--auto-approve", "--json", "--show-personal-data"])
        #expect(clear.output.contains(Self.email), "\(clear.output)")
    }

    @Test("state show masks the contact's email and identity; --show-personal-data shows them")
    func stateShow() async throws {
        let funnel = try await StarterFunnel.applied()
        defer { funnel.remove() }
        let masked = try await funnel.run(["state", "show", "contact[\"1\"]"])
        #expect(masked.status == 0, "\(masked.errors)")
        Self.expectMasked(masked.output, "state show")
        let clear = try await funnel.run(["state", "show", "contact[\"1\"]", "--show-personal-data"])
        #expect(clear.output.contains(Self.email), "\(clear.output)")
    }
}
