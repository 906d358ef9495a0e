import FunnelCore

extension WixClient {
    /// `POST /contacts/v4/labels` (Find Or Create Label): the label with this display name, created
    /// when none exists. Repeating it finds what the first attempt made, so it is retried like a read.
    public func findOrCreateLabel(displayName: String) async throws -> ContactLabel {
        let body = try WixJSON.encode(["displayName": displayName])
        let request = WixRequest("POST", Self.contactsBase + "/labels", body: body, target: .collection("labels", in: nil))
        return try await send(request, as: LabelEnvelope.self).label
    }

    /// `GET /contacts/v4/labels`: every label of the site, pages of 1000.
    public func labels() -> WixPages<ContactLabel> {
        WixPages(pageSize: WixPageSize.definitions) { [self] offset, limit in
            let request = WixRequest("GET", Self.contactsBase + "/labels",
                                     query: [("paging.limit", "\(limit)"), ("paging.offset", "\(offset)")],
                                     target: .collection("labels", in: nil))
            let page = try await send(request, as: LabelsPage.self)
            return .init(items: page.labels ?? [], total: (page.metadata ?? page.pagingMetadata)?.total)
        }
    }

    /// `POST /contacts/v4/contacts/{id}/labels` (Label Contact): adds labels by key; the labels must exist.
    @discardableResult
    public func labelContact(id: String, labelKeys: [String]) async throws -> Contact {
        let body = try WixJSON.encode(["labelKeys": labelKeys])
        let request = WixRequest("POST", Self.contactsBase + "/contacts/\(id.pathSegment)/labels", body: body,
                                 target: .contact(id))
        return try await send(request, as: LabeledContact.self).contact
    }

    /// `DELETE /contacts/v4/contacts/{id}/labels` (Unlabel Contact), the keys as a JSON body on the DELETE.
    @discardableResult
    public func unlabelContact(id: String, labelKeys: [String]) async throws -> Contact {
        let body = try WixJSON.encode(["labelKeys": labelKeys])
        let request = WixRequest("DELETE", Self.contactsBase + "/contacts/\(id.pathSegment)/labels", body: body,
                                 target: .contact(id))
        return try await send(request, as: LabeledContact.self).contact
    }
}

private struct LabelEnvelope: Decodable { var label: ContactLabel }

private struct LabeledContact: Decodable { var contact: Contact }

private struct LabelsPage: Decodable {
    var labels: [ContactLabel]?
    var metadata: PagingMetadata?
    var pagingMetadata: PagingMetadata?
}
