import Hummingbird

/// Handlers for contacts (wix-api.md §4.2).
extension EmulatorCore {
    func contactHandler(_ operation: EmulatorOperation) -> Handler? {
        let store = self.store
        switch operation {
        case .createContact:
            return { request throws(WixError) in
                let body = try request.decode(ContactWire.CreateBody.self)
                // `source.appId` is documented on every contact; an API key stands for the site owner's own "app".
                let source = ContactWire.Source(sourceType: request.appId == nil ? "OTHER" : "THIRD_PARTY",
                                                appId: request.appId ?? EmulatorDefaults.apiKeyAppId)
                return jsonBody(ContactWire.ContactResponse(contact: try await store.write(request.site) { site, rules throws(WixError) in
                    try site.createContact(body, source: source, rules: rules)
                }))
            }
        case .getContact:
            return { request throws(WixError) in
                let id = request.parameter("contactId"), fieldsets = try Self.fieldsets(request.strings("fieldsets"))
                let contact = try await store.read(request.site) { site, _ throws(WixError) in try site.contact(id) }
                return jsonBody(ContactWire.GetContact(contact: SiteState.project(contact, fieldsets: fieldsets),
                                                       responseType: "REGULAR"))
            }
        case .listContacts:
            return { request throws(WixError) in
                let order = request.string("sort.order")?.uppercased()
                guard order == nil || order == "ASC" || order == "DESC" else {
                    throw .invalid("sort.order", "must be ASC or DESC", rule: "FORMAT")
                }
                let query = ContactQuery(
                    sortField: request.string("sort.fieldName"), descending: order.map { $0 == "DESC" },
                    limit: try request.int("paging.limit"), offset: try request.int("paging.offset"),
                    fieldsets: try Self.fieldsets(request.strings("fieldsets")))
                return jsonBody(try await store.read(request.site) { site, rules throws(WixError) in
                    try site.queryContacts(query, rules: rules)
                })
            }
        case .queryContacts:
            return { request throws(WixError) in
                let body = try request.decode(ContactWire.QueryBody.self)
                let sorts = body.query?.sort ?? []
                guard sorts.count <= 1 else { throw .invalid("query.sort", "accepts at most 1 sort", rule: "MAX") }
                let order = sorts.first?.order?.uppercased()
                guard order == nil || order == "ASC" || order == "DESC" else {
                    throw .invalid("query.sort.order", "must be ASC or DESC", rule: "FORMAT")
                }
                let query = ContactQuery(
                    filter: try body.query?.filter.map { json throws(WixError) in try ContactFilter.parse(json) },
                    search: body.search, sortField: sorts.first?.fieldName, descending: order.map { $0 == "DESC" },
                    limit: body.query?.paging?.limit?.value, offset: body.query?.paging?.offset?.value,
                    fieldsets: try Self.fieldsets(body.query?.fieldsets ?? []))
                return jsonBody(try await store.read(request.site) { site, rules throws(WixError) in
                    try site.queryContacts(query, rules: rules)
                })
            }
        case .updateContact:
            return { request throws(WixError) in
                let id = request.parameter("contactId"), body = try request.decode(ContactWire.UpdateBody.self)
                return jsonBody(ContactWire.ContactResponse(contact: try await store.write(request.site) { site, rules throws(WixError) in
                    try site.updateContact(id, body, rules: rules)
                }))
            }
        case .deleteContact:
            return { request throws(WixError) in
                let id = request.parameter("contactId")
                try await store.write(request.site) { site, _ throws(WixError) in try site.deleteContact(id) }
                return jsonBody(WorkflowWire.Empty())
            }
        default:
            return nil
        }
    }

    /// Validates `fieldsets` (repeated or comma-joined).
    static func fieldsets(_ values: [String]) throws(WixError) -> [String] {
        let sets = values.flatMap { $0.split(separator: ",").map { String($0).uppercased() } }
        for set in sets where !SiteState.fieldsets.contains(set) {
            throw .invalid("fieldsets", "unknown fieldset \"\(set)\"; expected BASIC, COMMUNICATION_DETAILS, EXTENDED or FULL",
                           rule: "FORMAT")
        }
        return sets
    }
}
