import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// The Labels and Extended Fields APIs, Label / Unlabel Contact and a card's `dueDate`, against the
/// documented requests and responses (docs/wix-labels-fields.md), over raw HTTP.
@Suite struct LabelsFieldsContractTests {
    static let labels = "/contacts/v4/labels"
    static let fields = "/contacts/v4/extended-fields"

    @Test func findOrCreateLabelIsIdempotentByDisplayName() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            // The documented example: POST /contacts/v4/labels {"displayName": "My Label"}.
            let created = try await wix.post(Self.labels, #"{"displayName": "My Label"}"#)
            #expect(created.status == 200, "\(created.json)")
            #expect(created.keys == ["label", "newLabel"])
            #expect(created["newLabel"] == .bool(true))
            #expect(created.string("label.namespace") == "custom")
            #expect(created.string("label.displayName") == "My Label")
            #expect(created.string("label.labelType") == "USER_DEFINED")
            let key = try #require(created.string("label.key"))
            #expect(key.wholeMatch(of: /custom\.my-label-[a-z]{19}/) != nil, "\(key)")
            let date = try #require(created.string("label.createdDate"))
            #expect(date.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)

            let again = try await wix.post(Self.labels, #"{"displayName": "My Label"}"#)
            #expect(again["newLabel"] == .bool(false))
            #expect(again.string("label.key") == key)
            // "Exact match": another case is another label.
            let other = try await wix.post(Self.labels, #"{"displayName": "my label"}"#)
            #expect(other["newLabel"] == .bool(true))
            #expect(other.string("label.key") != key)

            #expect(try await wix.post(Self.labels, #"{"displayName": "  "}"#).status == 400)
            let got = try await wix.get("\(Self.labels)/\(key)")
            #expect(got.string("label.displayName") == "My Label")
            #expect(try await wix.get("\(Self.labels)/custom.nope").errorCode == "LABEL_NOT_FOUND")
        }
    }

    @Test func caseInsensitiveNamesWhenConfigured() async throws {
        try await withEmulator(EmulatorOptions(variants: [.definitionNameCaseInsensitive])) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let key = try await wix.post(Self.labels, #"{"displayName": "My Label"}"#).string("label.key")
            let other = try await wix.post(Self.labels, #"{"displayName": "MY LABEL"}"#)
            #expect(other["newLabel"] == .bool(false))
            #expect(other.string("label.key") == key)
            let field = try await wix.post(Self.fields, #"{"displayName": "Deal value", "dataType": "NUMBER"}"#).string("field.key")
            #expect(try await wix.post(Self.fields, #"{"displayName": "deal VALUE", "dataType": "NUMBER"}"#).string("field.key") == field)
        }
    }

    @Test func renameKeepsTheKey() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let label = try #require(try await wix.post(Self.labels, #"{"displayName": "My Label"}"#).string("label.key"))
            // The documented example: PATCH /contacts/v4/labels/{key} {"label": {"displayName": "My New Label Name"}}.
            let renamed = try await wix.patch("\(Self.labels)/\(label)", #"{"label": {"displayName": "My New Label Name"}}"#)
            #expect(renamed.status == 200, "\(renamed.json)")
            #expect(renamed.string("label.key") == label)
            #expect(renamed.string("label.displayName") == "My New Label Name")
            #expect(try await wix.post(Self.labels, #"{"displayName": "My New Label Name"}"#).string("label.key") == label)
            // The old name is free again: a new label, with a new key.
            let reused = try await wix.post(Self.labels, #"{"displayName": "My Label"}"#)
            #expect(reused["newLabel"] == .bool(true))
            #expect(reused.string("label.key") != label)

            let field = try #require(try await wix.post(Self.fields, #"{"displayName": "Deal value", "dataType": "NUMBER"}"#)
                .string("field.key"))
            let renamedField = try await wix.patch("\(Self.fields)/\(field)", #"{"field": {"displayName": "Deal amount"}}"#)
            #expect(renamedField.status == 200, "\(renamedField.json)")
            #expect(renamedField.string("field.key") == field)
            #expect(renamedField.string("field.dataType") == "NUMBER")
            let found = try await wix.post(Self.fields, #"{"displayName": "Deal amount", "dataType": "TEXT"}"#)
            #expect(found.string("field.key") == field)
            #expect(found["newField"] == .bool(false))
            #expect(try await wix.get("\(Self.fields)/\(field)").string("field.displayName") == "Deal amount")
            // A system label or field cannot be renamed.
            #expect(try await wix.patch("\(Self.labels)/contacts.customers", #"{"label": {"displayName": "Buyers"}}"#).status == 403)
        }
    }

    @Test func listAndQueryLabelsShowSystemOnes() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            _ = try await wix.post(Self.labels, #"{"displayName": "My Label"}"#)
            _ = try await wix.post(Self.labels, #"{"displayName": "Another Label"}"#)
            let all = try await wix.get(Self.labels)
            #expect(all.keys == ["labels", "metadata"])
            #expect(all.int("metadata.total") == 4)
            let keys = all.list("labels").compactMap { $0[path: "key"]?.stringValue }
            #expect(keys.contains("contacts.customers"))
            let userDefined = try await wix.get("\(Self.labels)?labelType=USER_DEFINED")
            #expect(userDefined.list("labels").compactMap { $0[path: "displayName"]?.stringValue } == ["My Label", "Another Label"])
            #expect(try await wix.get("\(Self.labels)?startsWith=Ano").int("metadata.total") == 1)
            let query = try await wix.post("\(Self.labels)/query", """
                {"query": {"filter": {"displayName": {"$in": ["My Label", "Customers"]}}, "sort": [{"fieldName": "displayName", "order": "ASC"}]}}
                """)
            #expect(query.status == 200, "\(query.json)")
            #expect(query.list("labels").compactMap { $0[path: "displayName"]?.stringValue } == ["Customers", "My Label"])
            #expect(query.int("pagingMetadata.total") == 2)
        }
    }

    @Test func findOrCreateFieldIgnoresTheTypeOfAnExistingField() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            // The documented example: POST /contacts/v4/extended-fields {"displayName": "My Field", "dataType": "TEXT"}.
            let created = try await wix.post(Self.fields, #"{"displayName": "My Field", "dataType": "TEXT"}"#)
            #expect(created.status == 200, "\(created.json)")
            #expect(created.keys == ["field", "newField"])
            #expect(created["newField"] == .bool(true))
            #expect(created.string("field.namespace") == "custom")
            #expect(created.string("field.fieldType") == "USER_DEFINED")
            let key = try #require(created.string("field.key"))
            #expect(key.wholeMatch(of: /custom\.my-field-[a-z]{19}/) != nil, "\(key)")
            // "dataType … Ignored if an existing field is an exact match for the specified display name."
            let again = try await wix.post(Self.fields, #"{"displayName": "My Field", "dataType": "NUMBER"}"#)
            #expect(again["newField"] == .bool(false))
            #expect(again.string("field.key") == key)
            #expect(again.string("field.dataType") == "TEXT")
            #expect(try await wix.post(Self.fields, #"{"displayName": "Other", "dataType": "COLOR"}"#).status == 400)
            let list = try await wix.get("\(Self.fields)?fieldType=USER_DEFINED")
            #expect(list.int("metadata.total") == 1)
            let query = try await wix.post("\(Self.fields)/query", #"{"query": {"filter": {"namespace": "custom"}}}"#)
            #expect(query.list("fields").compactMap { $0[path: "key"]?.stringValue } == [key])
        }
    }

    @Test func the101stCustomFieldIsRefused() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            for index in 1...100 {
                let reply = try await wix.post(Self.fields, #"{"displayName": "Field \#(index)", "dataType": "TEXT"}"#)
                #expect(reply.status == 200, "field \(index): \(reply.json)")
            }
            let refused = try await wix.post(Self.fields, #"{"displayName": "Field 101", "dataType": "TEXT"}"#)
            #expect(refused.status == 429)
            #expect(refused.errorCode == "CUSTOM_FIELDS_LIMIT_REACHED")
            // Finding an existing field still works at the limit; system fields do not count.
            #expect(try await wix.post(Self.fields, #"{"displayName": "Field 7"}"#)["newField"] == .bool(false))
            #expect(try await wix.get("\(Self.fields)?fieldType=USER_DEFINED&paging.limit=1000").int("metadata.total") == 100)
            let first = try #require(try await wix.get("\(Self.fields)?paging.limit=1").string("fields.0.key"))
            #expect(try await wix.delete("\(Self.fields)/\(first)").status == 200)
            #expect(try await wix.post(Self.fields, #"{"displayName": "Field 101", "dataType": "TEXT"}"#)["newField"] == .bool(true))
        }
    }

    @Test func valuesAreCheckedAgainstTheirDataType() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let number = try #require(try await wix.post(Self.fields, #"{"displayName": "Deal value", "dataType": "NUMBER"}"#).string("field.key"))
            let date = try #require(try await wix.post(Self.fields, #"{"displayName": "Close date", "dataType": "DATE"}"#).string("field.key"))
            let url = try #require(try await wix.post(Self.fields, #"{"displayName": "Site", "dataType": "URL"}"#).string("field.key"))
            let text = try #require(try await wix.post(Self.fields, #"{"displayName": "Industry"}"#).string("field.key"))
            func create(_ items: String) async throws -> Reply {
                try await wix.post("/contacts/v4/contacts",
                                   #"{"info": {"name": {"first": "Ada"}, "extendedFields": {"items": {\#(items)}}}, "allowDuplicates": true}"#)
            }
            let bad = try await create(#""\#(number)": "1200""#)
            #expect(bad.status == 400)
            #expect(bad.errorCode == "INVALID_EXTENDED_FIELD_VALUE")
            #expect(try await create(#""\#(date)": "2024-02-30""#).errorCode == "INVALID_EXTENDED_FIELD_VALUE")
            #expect(try await create(#""\#(date)": "01/05/2024""#).errorCode == "INVALID_EXTENDED_FIELD_VALUE")
            #expect(try await create(#""\#(url)": "not a url""#).errorCode == "INVALID_EXTENDED_FIELD_VALUE")
            #expect(try await create(#""\#(text)": 12"#).errorCode == "INVALID_EXTENDED_FIELD_VALUE")
            #expect(try await create(#""custom.undefined-field": "x""#).errorCode == "INVALID_EXTENDED_FIELD_VALUE")

            let good = try await create(#""\#(number)": 1200.5, "\#(date)": "2024-05-01", "\#(url)": "example.com/a", "\#(text)": "Retail""#)
            #expect(good.status == 200, "\(good.json)")
            guard case .object(let values)? = good["contact.info.extendedFields.items"] else { Issue.record("no fields"); return }
            #expect(values[number] == .number(1200.5))
            #expect(values[date] == .string("2024-05-01"))
            #expect(values[url] == .string("https://example.com/a"))  // "Prepends https:// if no protocol is included."
            #expect(values[text] == .string("Retail"))

            // Update Contact replaces extendedFields whole; an empty value is left out.
            let id = try #require(good.string("contact.id"))
            let updated = try await wix.patch("/contacts/v4/contacts/\(id)",
                                              #"{"revision": 1, "info": {"extendedFields": {"items": {"\#(number)": 1500, "\#(text)": ""}}}}"#)
            #expect(updated.status == 200, "\(updated.json)")
            #expect(updated["contact.info.extendedFields.items"] == .object([number: .number(1500)]))
            #expect(try await wix.patch("/contacts/v4/contacts/\(id)",
                                        #"{"revision": 2, "info": {"extendedFields": {"items": {"\#(number)": "many"}}}}"#).status == 400)
            #expect(try await wix.get("/contacts/v4/contacts/\(id)").int("contact.revision") == 2)
        }
    }

    @Test func readingsOfDateValuesAndMerges() async throws {
        try await withEmulator(EmulatorOptions(variants: [.dateFieldTimestamp, .extendedFieldsMerge])) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let date = try #require(try await wix.post(Self.fields, #"{"displayName": "Close date", "dataType": "DATE"}"#).string("field.key"))
            let text = try #require(try await wix.post(Self.fields, #"{"displayName": "Industry"}"#).string("field.key"))
            let created = try await wix.post("/contacts/v4/contacts", """
                {"info": {"name": {"first": "Ada"}, "extendedFields": {"items": {"\(date)": "2024-05-01", "\(text)": "Retail"}}}}
                """)
            let id = try #require(created.string("contact.id"))
            guard case .object(let values)? = created["contact.info.extendedFields.items"] else { Issue.record("no fields"); return }
            #expect(values[date] == .string("2024-05-01T00:00:00.000Z"))
            // Merge: the omitted key stays; null clears; the timestamp read back may be sent again.
            let merged = try await wix.patch("/contacts/v4/contacts/\(id)", """
                {"revision": 1, "info": {"extendedFields": {"items": {"\(date)": "2024-05-01T00:00:00.000Z"}}}}
                """)
            #expect(merged.status == 200, "\(merged.json)")
            guard case .object(let after)? = merged["contact.info.extendedFields.items"] else { Issue.record("no fields"); return }
            #expect(after[text] == .string("Retail"))
            let cleared = try await wix.patch("/contacts/v4/contacts/\(id)", #"{"revision": 2, "info": {"extendedFields": {"items": {"\#(text)": null}}}}"#)
            #expect(cleared["contact.info.extendedFields.items"] == .object([date: .string("2024-05-01T00:00:00.000Z")]))
        }
    }

    @Test func labelAndUnlabelContact() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let contact = try await wix.createContact("ada@example.com", first: "Ada")
            let label = try #require(try await wix.post(Self.labels, #"{"displayName": "From My CRM"}"#).string("label.key"))
            // Labels must exist first.
            let unknown = try await wix.post("/contacts/v4/contacts/\(contact)/labels", #"{"labelKeys": ["custom.nope"]}"#)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "LABEL_NOT_FOUND")
            #expect(try await wix.get("/contacts/v4/contacts/\(contact)").int("contact.revision") == 1)

            let labelled = try await wix.post("/contacts/v4/contacts/\(contact)/labels",
                                              #"{"labelKeys": ["\#(label)", "contacts.customers"]}"#)
            #expect(labelled.status == 200, "\(labelled.json)")
            #expect(labelled.keys == ["contact"])
            #expect(labelled.int("contact.revision") == 2)
            #expect(labelled["contact.info.labelKeys.items"] == .array([.string(label), .string("contacts.customers")]))
            // Its revision is good for the next Update Contact.
            let renamed = try await wix.patch("/contacts/v4/contacts/\(contact)", #"{"revision": 2, "info": {"name": {"first": "Ada L."}}}"#)
            #expect(renamed.status == 200)
            #expect(renamed["contact.info.labelKeys.items"] == .array([.string(label), .string("contacts.customers")]))

            // Unlabel Contact: DELETE with a JSON body.
            let unlabelled = try await wix.send("DELETE", "/contacts/v4/contacts/\(contact)/labels", #"{"labelKeys": ["contacts.customers"]}"#)
            #expect(unlabelled.status == 200, "\(unlabelled.json)")
            #expect(unlabelled.int("contact.revision") == 4)
            #expect(unlabelled["contact.info.labelKeys.items"] == .array([.string(label)]))
            #expect(try await wix.send("DELETE", "/contacts/v4/contacts/\(contact)/labels", #"{"labelKeys": ["custom.nope"]}"#).status == 404)

            // Create / Update Contact take labelKeys too, with the same rule.
            let refused = try await wix.post("/contacts/v4/contacts", #"{"info": {"name": {"first": "Bo"}, "labelKeys": {"items": ["custom.nope"]}}}"#)
            #expect(refused.errorCode == "LABEL_NOT_FOUND")
            let bo = try await wix.post("/contacts/v4/contacts", #"{"info": {"name": {"first": "Bo"}, "labelKeys": {"items": ["\#(label)"]}}}"#)
            #expect(bo["contact.info.labelKeys.items"] == .array([.string(label)]))
            let query = try await wix.post("/contacts/v4/contacts/query", #"{"query": {"filter": {"info.labelKeys": {"$hasSome": ["\#(label)"]}}}}"#)
            #expect(query.int("pagingMetadata.total") == 2)

            // Deleting the label takes it off every contact.
            #expect(try await wix.delete("\(Self.labels)/\(label)").status == 200)
            let after = try await wix.get("/contacts/v4/contacts/\(contact)")
            #expect(after["contact.info.labelKeys.items"] == .array([]))
            #expect(after.int("contact.revision") == 5)
            #expect(try await wix.delete("\(Self.labels)/contacts.customers").status == 403)
        }
    }

    @Test func labelsFieldsAndValuesSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)/site.json").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let (label, field, contact) = try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let label = try #require(try await wix.post(Self.labels, #"{"displayName": "Owner: Dana"}"#).string("label.key"))
            let field = try #require(try await wix.post(Self.fields, #"{"displayName": "Deal value", "dataType": "NUMBER"}"#)
                .string("field.key"))
            let contact = try #require(try await wix.post("/contacts/v4/contacts", """
                {"info": {"name": {"first": "Ada"}, "labelKeys": {"items": ["\(label)"]}, "extendedFields": {"items": {"\(field)": 1200}}}}
                """).string("contact.id"))
            return (label, field, contact)
        }
        try await withEmulator(EmulatorOptions(dataPath: path)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let found = try await wix.post(Self.labels, #"{"displayName": "Owner: Dana"}"#)
            #expect(found["newLabel"] == .bool(false))
            #expect(found.string("label.key") == label)
            #expect(try await wix.post(Self.fields, #"{"displayName": "Deal value"}"#).string("field.key") == field)
            let read = try await wix.get("/contacts/v4/contacts/\(contact)")
            #expect(read["contact.info.labelKeys.items"] == .array([.string(label)]))
            #expect(read["contact.info.extendedFields.items"] == .object([field: .number(1200)]))
            // Rules hold after the restart: a bad value is still refused.
            #expect(try await wix.patch("/contacts/v4/contacts/\(contact)",
                                        #"{"revision": 1, "info": {"extendedFields": {"items": {"\#(field)": "x"}}}}"#).status == 400)
        }
    }

    @Test func dueDateRoundTrips() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow()
            let phase = try await wix.createPhase(workflow, "New")
            let contact = try await wix.createContact("ada@example.com")
            let created = try await wix.post("\(SandboxHTTP.workflows)/workflows/\(workflow)/phases/\(phase)/cards", """
                {"card": {"name": "Ada", "primaryAttachment": {"contactId": "\(contact)"}, "dueDate": "2027-01-15T08:00:00.000Z"}}
                """)
            let card = try #require(created.string("id"))
            #expect(try await wix.get("\(SandboxHTTP.workflows)/cards/\(card)").string("card.info.dueDate") == "2027-01-15T08:00:00Z")
            let listed = try await wix.get("\(SandboxHTTP.workflows)/workflows/\(workflow)/cards")
            #expect(listed.string("cards.0.info.dueDate") == "2027-01-15T08:00:00Z")
            // Another offset is the same instant, read back in UTC.
            #expect(try await wix.patch("\(SandboxHTTP.workflows)/cards/\(card)", #"{"cardInfo": {"dueDate": "2027-02-01T10:30:00.250+02:00"}}"#)
                .status == 200)
            #expect(try await wix.get("\(SandboxHTTP.workflows)/cards/\(card)").string("card.info.dueDate") == "2027-02-01T08:30:00.250Z")
            // A bare date is not a protobuf Timestamp.
            let bare = try await wix.patch("\(SandboxHTTP.workflows)/cards/\(card)", #"{"cardInfo": {"dueDate": "2027-02-01"}}"#)
            #expect(bare.status == 400)
            #expect(bare.string("details.validationError.fieldViolations.0.field") == "dueDate")
            #expect(try await wix.get("\(SandboxHTTP.workflows)/cards/\(card)").string("card.info.dueDate") == "2027-02-01T08:30:00.250Z")
        }
    }

    @Test func dueDateWithMillisecondsWhenConfigured() async throws {
        try await withEmulator(EmulatorOptions(variants: [.dueDateMillis])) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow()
            let phase = try await wix.createPhase(workflow, "New")
            let contact = try await wix.createContact("ada@example.com")
            let card = try #require(try await wix.post("\(SandboxHTTP.workflows)/workflows/\(workflow)/phases/\(phase)/cards", """
                {"card": {"name": "Ada", "primaryAttachment": {"contactId": "\(contact)"}, "dueDate": "2027-01-15T08:00:00Z"}}
                """).string("id"))
            #expect(try await wix.get("\(SandboxHTTP.workflows)/cards/\(card)").string("card.info.dueDate") == "2027-01-15T08:00:00.000Z")
        }
    }
}
