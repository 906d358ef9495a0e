import FunnelCore
@testable import FunnelRender
import FunnelTestSupport
import Testing

@Suite("Masking emails and phones")
struct PersonalDataTests {
    @Test("emails keep the first character and the domain", arguments: [
        ("ilse@example.com", "i***@example.com"),
        ("  Bob.Smith+crm@mail.example.org ", "B***@mail.example.org"),
        ("@example.com", "***@example.com"),
        ("not an email", "***"),
        ("", ""),
    ])
    func email(input: String, masked: String) {
        #expect(PersonalData.maskEmail(input) == masked)
    }

    @Test("phones keep +, the first and the last two digits, never the length", arguments: [
        ("+33612345678", "+33******78"),
        ("+33 6 12 34 56 78", "+33******78"),
        ("(555) 010-2222", "55******22"),
        ("+1 555 010 9999", "+15******99"),
        ("1234", "******"),
        ("", ""),
    ])
    func phone(input: String, masked: String) {
        #expect(PersonalData.maskPhone(input) == masked)
    }

    @Test("free text: every email and phone token is masked, the rest kept", arguments: [
        ("contact carol@example.org is claimed by L-030", "contact c***@example.org is claimed by L-030"),
        ("call +33 6 12 34 56 78 or 06 98 76 54 32 today", "call +33******78 or 06******32 today"),
        ("a@b.co, d@e.io", "a***@b.co, d***@e.io"),
        ("phone changed: (555) 010-2222", "phone changed: 55******22"),
    ])
    func text(input: String, masked: String) {
        #expect(PersonalData.maskText(input) == masked)
    }

    @Test("dates, ids, line numbers and counts are not phones", arguments: [
        "Planned on 2026-11-29 08:00 with 14 steps.",
        "card 5f3c2a1e-1234-4567-89ab-0123456789ab moved",
        "leads.csv:123456789",
        "record #123456789",
        "archives 2 of 12 cards (16%)",
        "revision 12345678",
        "L-014 Qualified -> Proposal Sent",
    ])
    func notPersonal(input: String) {
        #expect(PersonalData.maskText(input) == input)
    }

    @Test("every rendering hides personal data unless asked", arguments: ["human", "markdown", "json"])
    func renderings(format: String) throws {
        let secrets = ["ilse.keller@example.com", "+33 6 12 34 56 78", "+1 555 010 2222", "+1 555 010 9999",
                       "carol@example.org", "06 98 76 54 32", "dave@example.net"]
        func render(_ show: Bool) throws -> String {
            let options = RenderOptions(color: false, showPersonalData: show)
            var plan = PlanFixtures.firstApply
            plan.steps += PlanFixtures.everyAction.steps.map { var step = $0; step.id += 100; return step }
            plan.drift = PlanFixtures.everyAction.drift
            plan.rejected = PlanFixtures.everyAction.rejected
            plan.unowned = PlanFixtures.everyAction.unowned
            switch format {
            case "human": return PlanRenderer.human(plan, options: options)
            case "markdown": return PlanRenderer.markdown(plan, options: options)
            default: return try PlanRenderer.json(plan, options: options)
            }
        }
        let masked = try render(false), shown = try render(true)
        // Markdown escapes none of the characters in these values, so each appears as written.
        for secret in secrets {
            #expect(!masked.contains(secret), "\(secret) visible in the masked \(format) output")
            #expect(shown.contains(secret), "\(secret) missing from the \(format) output with --show-personal-data")
        }
    }

    @Test("values under email and phone keys are masked whole, even when they do not look like one")
    func keyedValues() {
        let values = PlanMasking.values(["email": "weird", "mobile_phone": "12", "name": "Ilse <ilse@x.io>"])
        #expect(values == ["email": "***", "mobile_phone": "******", "name": "Ilse <i***@x.io>"])
    }

    @Test("the operation a step sends is masked too")
    func operation() {
        let masked = PlanMasking.masked(PlanFixtures.firstApply.steps[4].operation)
        #expect(masked == .createContact(identity: ContactIdentity(kind: .email, value: "i***@example.com"),
                                         fields: DesiredContact(first: "Ilse", last: "Keller", email: "i***@example.com",
                                                                phone: "+33******78")))
    }
}
