import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

/// One reading of the Wix docs the sandbox plays: the documented one, one variant, or all of them.
struct Reading: Sendable, CustomTestStringConvertible {
    var variants: Set<SandboxVariant>

    var testDescription: String {
        if variants.isEmpty { return "documented reading" }
        if variants.count == SandboxVariant.allCases.count { return "all variants" }
        return variants.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// The matrix: the default, each variant alone, and all at once.
    static let all: [Reading] = [Reading(variants: [])] + SandboxVariant.allCases.map { Reading(variants: [$0]) }
        + [Reading(variants: Set(SandboxVariant.allCases))]
}

/// The end-to-end scenario of issue 13 under every reading (DESIGN.md §6a): each run converges, the
/// second plan is clean, no contact or card is duplicated, no field set by hand is lost.
@Suite("funnel converges under every reading of the Wix docs")
struct ReadingsMatrixTests {
    struct Lead {
        var id: String, first: String, last: String, email: String, phone: String, stage: String
        var row: [String] { [id, first, last, email, phone, stage] }
    }

    static let header = ["id", "first_name", "last_name", "email", "phone", "stage"]
    static let stages = ["new", "contacted", "qualified", "proposal", "negotiation", "won"]

    /// 50 leads; odd ones have an international phone, even ones a national (US) one.
    static var fiftyLeads: [Lead] {
        (0..<50).map { index in
            let line = String(format: "%04d", 100 + index)
            let phone = index % 2 == 1 ? "+1 415 555 \(line)" : "(415) 555-\(line)"
            return Lead(id: "L-\(index)", first: "First\(index)", last: "Last\(index)", email: "lead\(index)@example.com",
                        phone: phone, stage: stages[index % stages.count])
        }
    }

    static func contact(match: ContactSpec.Match) -> ContactSpec {
        var fields = ["first": TemplateSpec("{{ first_name }}"), "last": TemplateSpec("{{ last_name }}"),
                      "phone": TemplateSpec("{{ phone }}")]
        if match == .email { fields["email"] = TemplateSpec("{{ email }}") }
        return ContactSpec(match: match, fields: fields, country: "US")
    }

    @Test("the whole scenario converges", arguments: Reading.all)
    func scenario(reading: Reading) async throws {
        try await withEmulator(EmulatorOptions(variants: reading.variants)) { sandbox in
            var harness = try KitHarness(sandbox: sandbox)
            harness.contact = Self.contact(match: .email)
            var leads = Self.fiftyLeads
            try await converge(harness, leads, "first apply")

            leads[0].stage = "qualified"; leads[1].stage = "negotiation"
            leads[2].stage = "lost"; leads[3].stage = "lost"; leads[4].stage = "won"
            try await converge(harness, leads, "moves and archives")
            leads[2].stage = "won"
            try await converge(harness, leads, "a lost lead won back")
            #expect(try await harness.board()["First2 Last2"] == "Win")

            // "New Lead" renamed through `was`; "Contacted" moved right, past two phases.
            harness.phases = [PhaseSpec(name: "Fresh", was: ["New Lead"]), PhaseSpec(name: "Qualified"),
                              PhaseSpec(name: "Proposal Sent"), PhaseSpec(name: "Contacted"), PhaseSpec(name: "Negotiating")]
            harness.map["new"] = .phase("Fresh")
            try await converge(harness, leads, "phases renamed and reordered")
            let workflow = try #require(try await harness.client.workflows().collect().first)
            #expect(try await harness.client.getWorkflow(id: workflow.id).phases.map(\.name) == harness.phases.map(\.name))

            try await harness.deleteState()
            let adopted = try await harness.plan()
            #expect(adopted.summary.create == 0, "adoption created: \(adopted.steps.map(\.address))")
            #expect(adopted.steps.isEmpty, "adoption planned: \(adopted.steps.map(\.address))")
            try await harness.apply()

            // A contact edited by hand in Wix, then renamed in the CRM.
            let edited = try await Self.editByHand(harness, email: "lead7@example.com")
            leads[7].first = "Renamed"
            try await converge(harness, leads, "a name changed in the CRM")
            let after = try await harness.client.getContact(id: edited)
            #expect(after.info?.name?.first == "Renamed")
            try Self.expectHandSetFields(after)

            try await expectNoDuplicates(harness, leads)
        }
    }

    @Test("a phone-matched funnel converges, adopts contacts entered by hand, and is adopted again after the state is lost",
          arguments: Reading.all)
    func phoneMatched(reading: Reading) async throws {
        try await withEmulator(EmulatorOptions(variants: reading.variants)) { sandbox in
            var harness = try KitHarness(sandbox: sandbox)
            harness.contact = Self.contact(match: .phone)
            // Two contacts typed into the Dashboard: a national number with its country, an international one formatted.
            let client = harness.client
            let national = try await client.createContact(ContactInfo(
                first: "Hand", last: "National", email: nil, phone: nil).withPhone("415-555-0100", country: "US"))
            let formatted = try await client.createContact(ContactInfo(
                first: "Hand", last: "Formatted", email: nil, phone: "+1 (415) 555-0101"))
            let leads = Self.fiftyLeads
            try await converge(harness, leads, "first apply")
            let cards = try await client.cards(workflowId: try #require(try await client.workflows().collect().first).id).collect()
            #expect(cards.contains { $0.contactId == national.id }, "the contact entered nationally was not adopted")
            #expect(cards.contains { $0.contactId == formatted.id }, "the contact entered with formatting was not adopted")
            try await harness.deleteState()
            let adopted = try await harness.plan()
            #expect(adopted.summary.create == 0 && adopted.steps.isEmpty, "\(adopted.steps.map(\.address))")
            try await expectNoDuplicates(harness, leads)
        }
    }

    @Test("a contact's hand-set birthdate, address and picture survive funnel renaming it",
          arguments: [Reading(variants: []), Reading(variants: [.contactInfoReplace])])
    func contactUpdateKeepsHandSetFields(reading: Reading) async throws {
        try await withEmulator(EmulatorOptions(variants: reading.variants)) { sandbox in
            var harness = try KitHarness(sandbox: sandbox)
            harness.contact = Self.contact(match: .email)
            var leads = Array(Self.fiftyLeads.prefix(3))
            try await converge(harness, leads, "first apply")
            let id = try await Self.editByHand(harness, email: "lead1@example.com")
            leads[1].first = "Renamed"
            leads[1].last = "Again"
            try await converge(harness, leads, "rename")
            let contact = try await harness.client.getContact(id: id)
            #expect(contact.info?.name == ContactInfo.Name(first: "Renamed", last: "Again"))
            #expect(contact.phones == ["+14155550101"])
            try Self.expectHandSetFields(contact)
        }
    }

    @Test("a saved plan that restores an archived card is applied, not refused as \"deleted in Wix\", whatever Get Card answers",
          arguments: [Reading(variants: []), Reading(variants: [.archivedCard404])])
    func savedPlanWithArchivedCard(reading: Reading) async throws {
        try await withEmulator(EmulatorOptions(variants: reading.variants)) { sandbox in
            var harness = try KitHarness(sandbox: sandbox)
            harness.contact = Self.contact(match: .email)
            var leads = Array(Self.fiftyLeads.prefix(3))
            try await converge(harness, leads, "first apply")
            leads[0].stage = "lost"
            try await converge(harness, leads, "archive")
            leads[0].stage = "won"
            try harness.writeCSV(header: Self.header, rows: leads.map(\.row))
            let plan = try await harness.plan()
            #expect(plan.steps.map(\.action) == [.restoreCard])
            let configuration = harness.configuration, dependencies = harness.dependencies()
            let outcome = try await Converge.run(configuration, dependencies: dependencies, input: .saved(plan),
                                                 options: ConvergeOptions(lockTimeout: .seconds(1)))
            #expect(outcome.report?.succeeded == true)
            #expect(try await harness.board()["First0 Last0"] == "Win")
        }
    }

    @Test("a contact created between plan and apply is adopted when Wix's 409 does not name it (found by its identity)")
    func duplicateWithoutContactId() async throws {
        try await withEmulator(EmulatorOptions(strictness: .init(duplicateErrorNamesContact: false))) { sandbox in
            var harness = try KitHarness(sandbox: sandbox)
            harness.contact = Self.contact(match: .email)
            let leads = Array(Self.fiftyLeads.prefix(2))
            try harness.writeCSV(header: Self.header, rows: leads.map(\.row))
            let plan = try await harness.plan()
            #expect(plan.steps.filter { $0.action == .createContact }.count == 2)
            let someone = try await harness.client.createContact(ContactInfo(first: "Typed", last: "ByHand", email: "lead1@example.com"))
            let configuration = harness.configuration, dependencies = harness.dependencies()
            let report = try await Converge.withLockedState(configuration, operation: "apply", timeout: .seconds(1)) { store in
                try await ApplyUseCase.apply(plan, saved: false, configuration: configuration, store: store,
                                             dependencies: dependencies, options: ApplyOptions(), events: { _ in })
            }
            #expect(report.succeeded, "\(report.failed.map(\.error))")
            let cards = try await harness.client.cards(workflowId: try #require(try await harness.client.workflows().collect().first).id).collect()
            #expect(cards.contains { $0.contactId == someone.id }, "the existing contact was not adopted")
            try await converge(harness, leads, "the adopted contact takes the record's fields")
            try await expectNoDuplicates(harness, leads)
        }
    }

    // MARK: Helpers

    /// Writes `leads`, applies, and expects success and a clean second plan.
    func converge(_ harness: KitHarness, _ leads: [Lead], _ stage: String) async throws {
        try harness.writeCSV(header: Self.header, rows: leads.map(\.row))
        let plan = try await harness.plan()
        #expect(plan.rejected.isEmpty, "\(stage): rejected \(plan.rejected.map(\.reason))")
        let outcome = try await harness.apply()
        #expect(outcome.succeeded, "\(stage): \(outcome.report?.failed.map(\.error) ?? []) \(outcome.report?.skipped.map(\.address) ?? [])")
        let second = try await harness.plan()
        #expect(second.steps.isEmpty, "\(stage): the second plan is not clean: \(second.steps.map { "\($0.action.rawValue) \($0.address)" })")
    }

    /// One contact per lead, one card per contact, nothing else in the workflow.
    func expectNoDuplicates(_ harness: KitHarness, _ leads: [Lead]) async throws {
        let client = harness.client
        let workflow = try #require(try await client.workflows().collect().first)
        let cards = try await client.cards(workflowId: workflow.id).collect()
            + client.cards(workflowId: workflow.id, archived: true).collect()
        #expect(cards.count == leads.count, "\(cards.count) cards for \(leads.count) leads")
        #expect(Set(cards.compactMap(\.contactId)).count == cards.count, "two cards share a contact")
        let emails = leads.map(\.email)
        let contacts = try await client.contacts(emails: emails)
        if harness.contact?.match == .email {
            for email in emails {
                #expect(contacts.filter { $0.emails.contains(email) }.count == 1, "\(email): not exactly one contact")
            }
        }
        let phones = leads.compactMap { PhoneNumber.normalized($0.phone, country: "US") }
        let byPhone = try await client.contacts(phones: phones, country: "US")
        for phone in phones {
            let holders = Set(byPhone.filter { $0.info?.phones?.items.contains { $0.e164Phone == phone } == true }.map(\.id))
            #expect(holders.count == 1, "\(phone): \(holders.count) contacts")
        }
    }

    /// Sets a birthdate, an address and a picture on the contact holding `email`, as a person would.
    static func editByHand(_ harness: KitHarness, email: String) async throws -> String {
        let client = harness.client
        let contact = try #require(try await client.contacts(emails: [email]).first)
        var update = ContactInfoUpdate(contact)
        update.set("birthdate", .string("1990-04-01"))
        update.set("addresses", .object(["items": .array([.object([
            "tag": .string("HOME"),
            "address": .object(["country": .string("US"), "city": .string("Portland"), "addressLine": .string("5 Wingate St")]),
        ])])]))
        update.set("picture", .object(["url": .string("https://static.wixstatic.com/media/face.jpg")]))
        _ = try await client.updateContact(id: contact.id, revision: contact.revision, update: update)
        return contact.id
    }

    static func expectHandSetFields(_ contact: Contact) throws {
        let info = try #require(contact.rawInfo)
        #expect(info[path: "birthdate"] == .string("1990-04-01"), "birthdate lost")
        #expect(info[path: "addresses.items.0.address.city"] == .string("Portland"), "address lost")
        #expect(info[path: "picture.url"] == .string("https://static.wixstatic.com/media/face.jpg"), "picture lost")
    }
}

extension ContactInfo {
    /// The info with one primary phone entered as `phone` with its country, as the Dashboard stores it.
    func withPhone(_ phone: String, country: String) -> ContactInfo {
        var info = self
        info.phones = Items([Phone(phone: phone, countryCode: country, primary: true)])
        return info
    }
}
