import FunnelCore

extension WixClient {
    static let contactsBase = "/contacts/v4"

    /// `POST /contacts/v4/contacts`: creates a contact.
    ///
    /// When the email (or, without one, the phone) already belongs to a contact and
    /// `allowDuplicates` is false, Wix answers `409 DUPLICATE_CONTACT_EXISTS`; the thrown
    /// `WixError` then has `duplicateContactId` set. Not retried blindly: on `outcomeUnknown`,
    /// look the contact up with `contacts(emails:)` before creating again.
    public func createContact(_ info: ContactInfo, allowDuplicates: Bool = false) async throws -> Contact {
        let body = try WixJSON.encode(ContactWrite(revision: nil, info: info, allowDuplicates: allowDuplicates))
        let request = WixRequest(
            "POST", Self.contactsBase + "/contacts", body: body, repeatability: .create,
            target: .collection("contacts", in: nil))
        return try await send(request, as: ContactEnvelope.self).contact
    }

    /// `GET /contacts/v4/contacts/{id}`: one contact with all its fields.
    public func getContact(id: String) async throws -> Contact {
        let request = WixRequest("GET", Self.contactsBase + "/contacts/\(id.pathSegment)", target: .contact(id))
        return try await send(request, as: ContactEnvelope.self).contact
    }

    /// The contacts holding any of `emails` (in any of their emails), found with `$in` queries of
    /// up to `WixPageSize.contactLookupBatch` emails each and pages of 1000: never one request per email.
    public func contacts(emails: [String]) async throws -> [Contact] {
        try await lookUp(field: "info.emails.email", values: emails)
    }

    /// The contacts holding any of `phones`, batched like `contacts(emails:)`.
    public func contacts(phones: [String]) async throws -> [Contact] {
        try await lookUp(field: "info.phones.phone", values: phones)
    }

    /// `PATCH /contacts/v4/contacts/{id}`: writes `info` over the contact at `revision`.
    /// A stale revision throws a 409 (`isRevisionMismatch`): read the contact again and retry.
    /// (A 409 met by a retry whose first attempt landed is recognised and returns the contact.)
    public func updateContact(
        id: String, revision: Int, info: ContactInfo, allowDuplicates: Bool = false
    ) async throws -> Contact {
        let body = try WixJSON.encode(ContactWrite(revision: revision, info: info, allowDuplicates: allowDuplicates))
        let request = WixRequest(
            "PATCH", Self.contactsBase + "/contacts/\(id.pathSegment)", body: body, target: .contact(id))
        return try await reconciling({ try await send(request, as: ContactEnvelope.self).contact }) { error in
            // The retry of an update that landed meets its own new revision.
            guard error.isRevisionMismatch else { return nil }
            let stored = try await getContact(id: id)
            return stored.revision == revision + 1 && info.isApplied(in: stored.info) ? stored : nil
        }
    }

    /// `POST /contacts/v4/contacts/query` with `{field: {$in: batch}}`, every batch, every page.
    private func lookUp(field: String, values: [String]) async throws -> [Contact] {
        var seen = Set<String>()
        let unique = values.filter { !$0.isEmpty && seen.insert($0).inserted }
        var found: [Contact] = []
        var foundIds = Set<String>()
        for start in stride(from: 0, to: unique.count, by: WixPageSize.contactLookupBatch) {
            let batch = Array(unique[start..<min(start + WixPageSize.contactLookupBatch, unique.count)])
            let pages = WixPages<Contact>(pageSize: WixPageSize.contacts) { [self] offset, limit in
                let query = ContactQuery(query: .init(
                    filter: [field: ["$in": .array(batch.map(JSONValue.string))]],
                    paging: .init(limit: limit, offset: offset)))
                let request = WixRequest(
                    "POST", Self.contactsBase + "/contacts/query", body: try WixJSON.encode(query),
                    target: .collection("contacts", in: nil))
                let page = try await send(request, as: ContactsPage.self)
                return .init(items: page.contacts ?? [], total: page.pagingMetadata?.total)
            }
            for try await contact in pages where foundIds.insert(contact.id).inserted {
                found.append(contact)
            }
        }
        return found
    }
}

private struct ContactWrite: Encodable {
    var revision: Int?
    var info: ContactInfo
    var allowDuplicates: Bool
}

private struct ContactEnvelope: Decodable { var contact: Contact }

private struct ContactQuery: Encodable {
    struct Query: Encodable {
        var filter: [String: [String: JSONValue]]
        var paging: Paging
    }
    struct Paging: Encodable {
        var limit: Int
        var offset: Int
    }
    var query: Query
}

private struct ContactsPage: Decodable {
    var contacts: [Contact]?
    var pagingMetadata: PagingMetadata?
}
