import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct ContactContractTests {
    @Test func createReturnsTheFullContact() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            // Extended fields must be defined first (Find Or Create Extended Field); keys are generated.
            let crmId = try #require(try await wix.post("/contacts/v4/extended-fields", #"{"displayName": "CRM id", "dataType": "TEXT"}"#)
                .string("field.key"))
            let score = try #require(try await wix.post("/contacts/v4/extended-fields", #"{"displayName": "Score", "dataType": "NUMBER"}"#)
                .string("field.key"))
            let reply = try await wix.post("/contacts/v4/contacts", """
                {"info": {"name": {"first": "Ines", "last": "Brunet"},
                          "emails": {"items": [{"tag": "WORK", "email": "ines@example.com"}, {"email": "i@home.example"}]},
                          "phones": {"items": [{"phone": "+972 97-495-550", "countryCode": "IL"}]},
                          "company": "Acme",
                          "extendedFields": {"items": {"\(crmId)": "L-1", "\(score)": 12}}}}
                """)
            #expect(reply.status == 200)
            #expect(reply.int("contact.revision") == 1)
            let created = try #require(reply.string("contact.createdDate"))
            #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(reply.string("contact.updatedDate") == created)
            #expect(reply.string("contact.primaryInfo.email") == "ines@example.com")
            #expect(reply.string("contact.primaryInfo.phone") == "+972 97-495-550")
            #expect(reply["contact.info.emails.items.0.primary"] == .bool(true))
            #expect(reply["contact.info.emails.items.1.primary"] == .bool(false))
            #expect(reply.string("contact.info.emails.items.1.tag") == "UNTAGGED")
            #expect(reply.string("contact.info.emails.items.0.id") != nil)
            #expect(reply.string("contact.info.phones.items.0.e164Phone") == "+97297495550")
            #expect(reply.string("contact.info.company") == "Acme")
            #expect(reply["contact.info.extendedFields.items.\(score)"] == nil)  // dotted key: read the object
            guard case .object(let fields)? = reply["contact.info.extendedFields.items"] else { Issue.record("no fields"); return }
            #expect(fields[crmId] == .string("L-1"))
            #expect(fields[score] == .number(12))
            #expect(reply.string("contact.lastActivity.activityType") == "CONTACT_CREATED")
        }
    }

    @Test func createNeedsInfoAndSomeData() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            #expect(try await wix.post("/contacts/v4/contacts", "{}").status == 400)
            let empty = try await wix.post("/contacts/v4/contacts", #"{"info": {"company": "Acme"}}"#)
            #expect(empty.status == 400)
            #expect(empty.errorCode == "INSUFFICIENT_CONTACT_DATA")
            let twoPrimaries = try await wix.post("/contacts/v4/contacts",
                #"{"info": {"emails": {"items": [{"email": "a@x.io", "primary": true}, {"email": "b@x.io", "primary": true}]}}}"#)
            #expect(twoPrimaries.errorCode == "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO")
        }
    }

    @Test func duplicateEmailIs409WithTheExistingId() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let first = try await wix.createContact("Ines@Example.com")
            let duplicate = try await wix.post("/contacts/v4/contacts", #"{"info": {"emails": {"items": [{"email": "ines@example.COM"}]}}}"#)
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "DUPLICATE_CONTACT_EXISTS")
            #expect(duplicate.string("details.applicationError.data.duplicateContactId") == first)
            #expect(duplicate.string("details.applicationError.data.duplicateEmail") == "ines@example.COM")
            #expect(duplicate.string("message") != nil)
            let allowed = try await wix.post("/contacts/v4/contacts",
                                             #"{"info": {"emails": {"items": [{"email": "ines@example.com"}]}}, "allowDuplicates": true}"#)
            #expect(allowed.status == 200)
            #expect(allowed.string("contact.id") != first)
        }
    }

    @Test func caseSensitiveEmailsWhenConfigured() async throws {
        try await withEmulator(EmulatorOptions(variants: [.emailCaseSensitive])) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            _ = try await wix.createContact("Ines@Example.com")
            _ = try await wix.createContact("ines@example.com")
            let query = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": {"info.emails.email": "ines@example.com"}}}"#)
            #expect(query.int("pagingMetadata.total") == 1)
        }
    }

    @Test func duplicatePhoneOnlyWithoutEmail() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let first = try await wix.post("/contacts/v4/contacts", #"{"info": {"phones": {"items": [{"phone": "050-1234567"}]}}}"#)
            let firstId = try #require(first.string("contact.id"))
            let again = try await wix.post("/contacts/v4/contacts", #"{"info": {"phones": {"items": [{"phone": "050 1234567"}]}}}"#)
            #expect(again.status == 409)
            #expect(again.string("details.applicationError.data.duplicateContactId") == firstId)
            #expect(again.string("details.applicationError.data.duplicatePhone") == "050 1234567")
            let withEmail = try await wix.post("/contacts/v4/contacts",
                #"{"info": {"emails": {"items": [{"email": "new@x.io"}]}, "phones": {"items": [{"phone": "050-1234567"}]}}}"#)
            #expect(withEmail.status == 200)
        }
    }

    @Test func getListAndFieldsets() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createContact("a@example.com", first: "Ann")
            let get = try await wix.get("/contacts/v4/contacts/\(id)")
            #expect(get.status == 200)
            #expect(get.string("contact.id") == id)
            #expect(get.string("responseType") == "REGULAR")
            #expect(get.string("contact.info.emails.items.0.email") == "a@example.com")
            let basic = try await wix.get("/contacts/v4/contacts/\(id)?fieldsets=BASIC")
            #expect(basic.string("contact.info.name.first") == "Ann")
            #expect(basic["contact.info.emails"] == nil)
            #expect(basic.string("contact.primaryInfo.email") == "a@example.com")
            #expect(try await wix.get("/contacts/v4/contacts/\(id)?fieldsets=NOPE").status == 400)
            let missing = try await wix.get("/contacts/v4/contacts/nope")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "CONTACT_NOT_FOUND")
        }
    }

    @Test func listPagesNewestFirst() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            var ids: [String] = []
            for index in 0..<5 { ids.append(try await wix.createContact("c\(index)@example.com", first: "C\(index)")) }
            let all = try await wix.get("/contacts/v4/contacts")
            #expect(all.list("contacts").compactMap { $0[path: "id"]?.stringValue } == ids.reversed())
            #expect(all["pagingMetadata"] == .object(["count": .number(5), "offset": .number(0), "total": .number(5),
                                                      "tooManyToCount": .bool(false)]))
            let page = try await wix.get("/contacts/v4/contacts?paging.limit=2&paging.offset=1&sort.fieldName=info.name.first&sort.order=ASC")
            #expect(page.list("contacts").compactMap { $0[path: "info.name.first"]?.stringValue } == ["C1", "C2"])
            #expect(page.int("pagingMetadata.count") == 2)
            #expect(try await wix.get("/contacts/v4/contacts?paging.limit=1001").status == 400)
            #expect(try await wix.get("/contacts/v4/contacts?paging.limit=1000").status == 200)
            #expect(try await wix.get("/contacts/v4/contacts?sort.fieldName=info.emails.email").status == 400)
        }
    }

    @Test func queryFiltersOnEmailAndPhone() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let ann = try await wix.createContact("Ann@Example.com", first: "Ann")
            let bob = try await wix.createContact("bob@example.com", first: "Bob")
            let phoned = try await wix.post("/contacts/v4/contacts",
                #"{"info": {"name": {"first": "Cy"}, "phones": {"items": [{"phone": "+1 555 0100"}]}}}"#).string("contact.id")!
            func ids(_ filter: String, _ extra: String = "") async throws -> [String] {
                let reply = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": \#(filter)\#(extra)}}"#)
                #expect(reply.status == 200, "\(filter): \(reply.json)")
                return reply.list("contacts").compactMap { $0[path: "id"]?.stringValue }
            }
            #expect(try await ids(#"{"info.emails.email": "ann@example.com"}"#) == [ann])
            #expect(try await ids(#"{"info.emails.email": {"$eq": "ANN@example.com"}}"#) == [ann])
            #expect(try await ids(#"{"primaryInfo.email": {"$eq": "bob@example.com"}}"#) == [bob])
            #expect(try await ids(#"{"primaryInfo.email": "bob@example.com"}"#) == [bob])
            #expect(Set(try await ids(#"{"info.emails.email": {"$in": ["ann@example.com", "bob@example.com", "z@x.io"]}}"#)) == [ann, bob])
            #expect(try await ids(#"{"info.phones.phone": "+1 555 0100"}"#) == [phoned])
            #expect(try await ids(#"{"primaryInfo.phone": {"$in": ["+1-555-0100"]}}"#) == [phoned])
            #expect(try await ids(#"{"info.emails.email": "nobody@example.com"}"#).isEmpty)
            #expect(try await ids(#"{"$or": [{"info.name.first": "Bob"}, {"info.name.first": "Cy"}]}"#).count == 2)
            #expect(try await ids(#"{"info.emails.email": {"$startsWith": "ANN"}}"#) == [ann])
            let basic = try await wix.post("/contacts/v4/contacts/query",
                                           #"{"query": {"filter": {"info.emails.email": "ann@example.com"}, "fieldsets": ["BASIC"]}}"#)
            #expect(basic.string("contacts.0.revision") == nil && basic.int("contacts.0.revision") == 1)
            #expect(basic["contacts.0.info.emails"] == nil)
            let unknownField = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": {"info.shoeSize": 42}}}"#)
            #expect(unknownField.status == 400)
            let badOperator = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": {"primaryInfo.email": {"$near": "x"}}}}"#)
            #expect(badOperator.status == 400)
            let twoSorts = try await wix.post("/contacts/v4/contacts/query",
                #"{"query": {"sort": [{"fieldName": "createdDate"}, {"fieldName": "info.name.first"}]}}"#)
            #expect(twoSorts.status == 400)
            let search = try await wix.post("/contacts/v4/contacts/query", #"{"search": "bo"}"#)
            #expect(search.list("contacts").compactMap { $0[path: "id"]?.stringValue } == [bob])
            let paged = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"paging": {"limit": 1, "offset": 1}}}"#)
            #expect(paged.int("pagingMetadata.total") == 3)
            #expect(paged.int("pagingMetadata.offset") == 1)
            #expect(paged.list("contacts").count == 1)
        }
    }

    @Test func updateChecksRevisionAndReplacesGivenParts() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.post("/contacts/v4/contacts",
                #"{"info": {"name": {"first": "Ann"}, "company": "Acme", "emails": {"items": [{"email": "a@example.com"}]}}}"#).string("contact.id")!
            let updated = try await wix.patch("/contacts/v4/contacts/\(id)",
                #"{"revision": 1, "info": {"name": {"first": "Anne", "last": "Lee"}, "emails": {"items": [{"email": "anne@example.com"}]}}}"#)
            #expect(updated.status == 200)
            #expect(updated.int("contact.revision") == 2)
            #expect(updated.string("contact.info.name.first") == "Anne")
            #expect(updated.string("contact.info.company") == "Acme")
            #expect(updated.string("contact.primaryInfo.email") == "anne@example.com")
            #expect(updated.string("contact.updatedDate") != nil)
            let stale = try await wix.patch("/contacts/v4/contacts/\(id)", #"{"revision": 1, "info": {"company": "Other"}}"#)
            #expect(stale.status == 409)
            #expect(stale.string("message") == "entity has already changed since the requested revision")
            #expect(try await wix.patch("/contacts/v4/contacts/\(id)", #"{"info": {"company": "Other"}}"#).status == 400)
            #expect(try await wix.patch("/contacts/v4/contacts/\(id)", #"{"revision": 2}"#).status == 400)
            #expect(try await wix.patch("/contacts/v4/contacts/nope", #"{"revision": 1, "info": {}}"#).status == 404)
            // The old email is free again, the new one is taken.
            _ = try await wix.createContact("a@example.com")
            let taken = try await wix.post("/contacts/v4/contacts", #"{"info": {"emails": {"items": [{"email": "anne@example.com"}]}}}"#)
            #expect(taken.string("details.applicationError.data.duplicateContactId") == id)
            // Updating into another contact's email is a duplicate too.
            let other = try await wix.createContact("b@example.com")
            let clash = try await wix.patch("/contacts/v4/contacts/\(other)",
                                            #"{"revision": "1", "info": {"emails": {"items": [{"email": "ANNE@example.com"}]}}}"#)
            #expect(clash.status == 409)
            #expect(clash.errorCode == "DUPLICATE_CONTACT_EXISTS")
        }
    }

    @Test func deleteRemovesTheContact() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let id = try await wix.createContact("a@example.com")
            let deleted = try await wix.delete("/contacts/v4/contacts/\(id)")
            #expect(deleted.status == 200)
            #expect(deleted.json == .object([:]))
            #expect(try await wix.get("/contacts/v4/contacts/\(id)").status == 404)
            #expect(try await wix.delete("/contacts/v4/contacts/\(id)").status == 404)
            _ = try await wix.createContact("a@example.com")  // no longer a duplicate
        }
    }
}
