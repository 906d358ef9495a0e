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

    /// The contacts holding any of `phones` (E.164), batched like `contacts(emails:)`.
    ///
    /// Wix keeps `phone` as entered and derives `e164Phone`; whether the `info.phones.phone` filter
    /// compares the one or the other is not documented (`phone-filter-e164`). Each number is sent
    /// in E.164 and, when `country` is its country, also in national digits (with and without the
    /// trunk prefix), so the filter finds a
    /// contact under either reading; callers match the results on `e164Phone`.
    public func contacts(phones: [String], country: String? = nil) async throws -> [Contact] {
        var values: [String] = []
        for phone in phones {
            values.append(phone)
            if let country, let code = PhoneNumber.callingCode(country), phone.hasPrefix("+" + code) {
                let national = String(phone.dropFirst(1 + code.count))
                values += [national, (code == "1" ? "1" : "0") + national] // with and without the trunk prefix
            }
        }
        return try await lookUp(field: "info.phones.phone", values: values)
    }

    /// `PATCH /contacts/v4/contacts/{id}`: writes `info` over the contact at `revision`.
    /// A stale revision throws a 409 (`isRevisionMismatch`): read the contact again and retry.
    /// (A 409 met by a retry whose first attempt landed is recognised and returns the contact.)
    public func updateContact(
        id: String, revision: Int, info: ContactInfo, allowDuplicates: Bool = false
    ) async throws -> Contact {
        try await updateContact(id: id, revision: revision, body: info, applied: info, allowDuplicates: allowDuplicates)
    }

    /// `PATCH /contacts/v4/contacts/{id}` with the contact as read and only funnel's fields changed
    /// (`ContactInfoUpdate`): right whether Wix merges `info` or replaces it.
    public func updateContact(
        id: String, revision: Int, update: ContactInfoUpdate, allowDuplicates: Bool = false
    ) async throws -> Contact {
        try await updateContact(id: id, revision: revision, body: JSONValue.object(update.fields),
                                applied: update.typed ?? ContactInfo(), allowDuplicates: allowDuplicates)
    }

    private func updateContact(
        id: String, revision: Int, body info: some Encodable & Sendable, applied: ContactInfo, allowDuplicates: Bool
    ) async throws -> Contact {
        let body = try WixJSON.encode(ContactWrite(revision: revision, info: info, allowDuplicates: allowDuplicates))
        let request = WixRequest(
            "PATCH", Self.contactsBase + "/contacts/\(id.pathSegment)", body: body, target: .contact(id))
        return try await reconciling({ try await send(request, as: ContactEnvelope.self).contact }) { error in
            // The retry of an update that landed meets its own new revision.
            guard error.isRevisionMismatch else { return nil }
            let stored = try await getContact(id: id)
            return stored.revision == revision + 1 && applied.isApplied(in: stored.info) ? stored : nil
        }
    }

    /// `DELETE /contacts/v4/contacts/{id}`: deletes a contact for good (`funnel doctor`'s scratch contact).
    public func deleteContact(id: String) async throws {
        try await deleting {
            try await send(WixRequest("DELETE", Self.contactsBase + "/contacts/\(id.pathSegment)", target: .contact(id)))
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

private struct ContactWrite<Info: Encodable>: Encodable {
    var revision: Int?
    var info: Info
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
