import FunnelCore

extension WixClient {
    /// `POST /contacts/v4/extended-fields` (Find Or Create Extended Field): the field with this display
    /// name, created with `dataType` (`TEXT`, `NUMBER`, `DATE`, `URL`) when none exists. A field found
    /// keeps its own type: the caller compares it. Retried like a read (a repeat finds the first attempt's field).
    public func findOrCreateExtendedField(displayName: String, dataType: String) async throws -> ExtendedField {
        let body = try WixJSON.encode(["displayName": displayName, "dataType": dataType])
        let request = WixRequest("POST", Self.contactsBase + "/extended-fields", body: body,
                                 target: .collection("extended fields", in: nil))
        return try await send(request, as: FieldEnvelope.self).field
    }

    /// `GET /contacts/v4/extended-fields`: every extended field of the site (system ones included), pages of 1000.
    public func extendedFields() -> WixPages<ExtendedField> {
        WixPages(pageSize: WixPageSize.definitions) { [self] offset, limit in
            let request = WixRequest("GET", Self.contactsBase + "/extended-fields",
                                     query: [("paging.limit", "\(limit)"), ("paging.offset", "\(offset)")],
                                     target: .collection("extended fields", in: nil))
            let page = try await send(request, as: FieldsPage.self)
            return .init(items: page.fields ?? [], total: (page.metadata ?? page.pagingMetadata)?.total)
        }
    }
}

private struct FieldEnvelope: Decodable { var field: ExtendedField }

private struct FieldsPage: Decodable {
    var fields: [ExtendedField]?
    var metadata: PagingMetadata?
    var pagingMetadata: PagingMetadata?
}

extension WixClient {
    /// `PATCH /contacts/v4/extended-fields/{key}` (Update Extended Field): renames a field; its key stays.
    /// What a person does in the dashboard (tests play it); funnel itself never renames a field.
    @discardableResult
    public func renameExtendedField(key: String, displayName: String) async throws -> ExtendedField {
        let body = try WixJSON.encode(["field": ["displayName": displayName]])
        let request = WixRequest("PATCH", Self.contactsBase + "/extended-fields/\(key.pathSegment)", body: body,
                                 target: .collection("extended fields", in: nil))
        return try await send(request, as: FieldEnvelope.self).field
    }
}
