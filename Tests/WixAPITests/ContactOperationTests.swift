import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

@Suite("Contacts against the sandbox")
struct ContactOperationTests {
    @Test("create, get and update with revision")
    func contactLifecycle() async throws {
        try await withSandboxClient { wix, _ in
            let created = try await wix.createContact(
                ContactInfo(first: "Inès", last: "Brunet", email: "ines@example.com", phone: "+33 6 12 34 56 78"))
            #expect(created.revision == 1)
            #expect(created.emails == ["ines@example.com"])

            let fetched = try await wix.getContact(id: created.id)
            #expect(fetched.info?.name?.first == "Inès")
            #expect(fetched.phones.count == 1)

            var info = try #require(fetched.info)
            info.company = "ACME"
            let updated = try await wix.updateContact(id: created.id, revision: fetched.revision, info: info)
            #expect(updated.revision == fetched.revision + 1)
            #expect(updated.info?.company == "ACME")
            #expect(updated.emails == ["ines@example.com"])

            let stale = await expectWixError {
                _ = try await wix.updateContact(id: created.id, revision: fetched.revision, info: info)
            }
            #expect(stale?.status == 409)
            #expect(stale?.isRevisionMismatch == true)
            #expect(stale?.target == .contact(created.id))
        }
    }

    @Test("a duplicate email is a 409 carrying the existing contact's id")
    func duplicateContact() async throws {
        try await withSandboxClient { wix, _ in
            let first = try await wix.createContact(ContactInfo(first: "A", last: nil, email: "a@example.com"))
            let error = await expectWixError {
                _ = try await wix.createContact(ContactInfo(first: "B", last: nil, email: "a@example.com"))
            }
            #expect(error?.status == 409)
            #expect(error?.isDuplicateContact == true)
            #expect(error?.duplicateContactId == first.id)
            #expect(error?.description.contains(first.id) == true)

            let allowed = try await wix.createContact(
                ContactInfo(first: "B", last: nil, email: "a@example.com"), allowDuplicates: true)
            #expect(allowed.id != first.id)

            let missing = await expectWixError { _ = try await wix.getContact(id: "ghost") }
            #expect(missing?.status == 404)
            #expect(missing?.target == .contact("ghost"))
        }
    }

    @Test("250 emails are looked up in batched $in queries (WixPageSize.contactLookupBatch a query), not 250 requests")
    func batchedEmailLookup() async throws {
        try await withSandboxClient { wix, sandbox in
            let emails = (0..<250).map { "lead\($0)@example.com" }
            let created = try await withThrowingTaskGroup(of: Contact.self) { group in
                for email in emails.prefix(240) {
                    group.addTask { try await wix.createContact(ContactInfo(first: nil, last: nil, email: email)) }
                }
                return try await group.reduce(into: [Contact]()) { $0.append($1) }
            }
            _ = try await wix.createContact(ContactInfo(first: "Unrelated", last: nil, email: "other@example.com"))
            await sandbox.resetStats()

            let found = try await wix.contacts(emails: emails + emails.prefix(10))
            #expect(Set(found.map(\.id)) == Set(created.map(\.id)))
            let batches = (250 + WixPageSize.contactLookupBatch - 1) / WixPageSize.contactLookupBatch
            #expect(try await sandbox.stats().count(.queryContacts) == batches)
            #expect(try await wix.contacts(emails: []).isEmpty)
        }
    }

    @Test("phones are looked up in batches too")
    func phoneLookup() async throws {
        try await withSandboxClient { wix, _ in
            let one = try await wix.createContact(ContactInfo(first: "P", last: nil, email: nil, phone: "+1 555 0100"))
            _ = try await wix.createContact(ContactInfo(first: "Q", last: nil, email: nil, phone: "+1 555 0199"))
            let found = try await wix.contacts(phones: ["+1 555 0100", "+1 555 0142"])
            #expect(found.map(\.id) == [one.id])
        }
    }
}
