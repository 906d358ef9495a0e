import FunnelCore
import Hummingbird

/// Handlers for the Labels and Extended Fields APIs and for Label / Unlabel Contact
/// (docs/wix-labels-fields.md).
extension EmulatorCore {
    func definitionHandler(_ operation: EmulatorOperation) -> Handler? {
        let store = self.store
        switch operation {
        case .labelContact, .unlabelContact:
            let adding = operation == .labelContact
            return { request throws(WixError) in
                let id = request.parameter("contactId"), body = try request.decode(DefinitionWire.LabelKeysBody.self)
                return jsonBody(ContactWire.ContactResponse(contact: try await store.write(request.site) { site, _ throws(WixError) in
                    try site.relabelContact(id, body, adding: adding)
                }))
            }
        case .findOrCreateLabel:
            return { request throws(WixError) in
                let body = try request.decode(DefinitionWire.FindOrCreateLabelBody.self)
                return jsonBody(try await store.write(request.site) { site, rules throws(WixError) in
                    try site.findOrCreateLabel(body, rules: rules)
                })
            }
        case .listLabels, .queryLabels:
            let isQuery = operation == .queryLabels
            return listing(isQuery: isQuery, typeParameter: "labelType", items: \.allLabels) { labels, metadata in
                jsonBody(DefinitionWire.LabelsPage(labels: labels, metadata: isQuery ? nil : metadata,
                                                   pagingMetadata: isQuery ? metadata : nil))
            }
        case .getLabel:
            return { request throws(WixError) in
                let key = request.parameter("key")
                return jsonBody(DefinitionWire.LabelResponse(label: try await store.read(request.site) { site, _ throws(WixError) in
                    try site.label(key)
                }))
            }
        case .updateLabel:
            return { request throws(WixError) in
                let key = request.parameter("key"), body = try request.decode(DefinitionWire.UpdateLabelBody.self)
                return jsonBody(DefinitionWire.LabelResponse(label: try await store.write(request.site) { site, _ throws(WixError) in
                    try site.renameLabel(key, body)
                }))
            }
        case .deleteLabel:
            return { request throws(WixError) in
                let key = request.parameter("key")
                try await store.write(request.site) { site, _ throws(WixError) in try site.deleteLabel(key) }
                return jsonBody(WorkflowWire.Empty())
            }
        case .findOrCreateExtendedField:
            return { request throws(WixError) in
                let body = try request.decode(DefinitionWire.FindOrCreateFieldBody.self)
                return jsonBody(try await store.write(request.site) { site, rules throws(WixError) in
                    try site.findOrCreateField(body, rules: rules)
                })
            }
        case .listExtendedFields, .queryExtendedFields:
            let isQuery = operation == .queryExtendedFields
            return listing(isQuery: isQuery, typeParameter: "fieldType", items: \.allFields) { fields, metadata in
                jsonBody(DefinitionWire.FieldsPage(fields: fields, metadata: isQuery ? nil : metadata,
                                                   pagingMetadata: isQuery ? metadata : nil))
            }
        case .getExtendedField:
            return { request throws(WixError) in
                let key = request.parameter("key")
                return jsonBody(DefinitionWire.FieldResponse(field: try await store.read(request.site) { site, _ throws(WixError) in
                    try site.field(key)
                }))
            }
        case .updateExtendedField:
            return { request throws(WixError) in
                let key = request.parameter("key"), body = try request.decode(DefinitionWire.UpdateFieldBody.self)
                return jsonBody(DefinitionWire.FieldResponse(field: try await store.write(request.site) { site, _ throws(WixError) in
                    try site.renameField(key, body)
                }))
            }
        case .deleteExtendedField:
            return { request throws(WixError) in
                let key = request.parameter("key")
                try await store.write(request.site) { site, _ throws(WixError) in try site.deleteField(key) }
                return jsonBody(WorkflowWire.Empty())
            }
        default:
            return nil
        }
    }

    /// List (query parameters: the type filter `typeParameter`, `namespace`, `startsWith`, `sort.*`, `paging.*`)
    /// or Query (`{"query": {filter, sort, paging}}`) over a site's labels or fields.
    private func listing<D: Definition>(isQuery: Bool, typeParameter: String, items: @escaping @Sendable (SiteState) -> [D],
                                        answer: @escaping @Sendable ([D], DefinitionWire.Metadata) -> ByteBuffer) -> Handler {
        let store = self.store
        return { request throws(WixError) in
            var listing = try Self.definitionQuery(request, isQuery: isQuery)
            if !isQuery {
                var filter: [String: JSONValue] = [:]
                if let type = request.string(typeParameter) { filter[typeParameter] = .string(type) }
                if let namespace = request.string("namespace") { filter["namespace"] = .string(namespace) }
                if let prefix = request.string("startsWith") { filter["displayName"] = .object(["$startsWith": .string(prefix)]) }
                listing.filter = filter.isEmpty ? nil : .object(filter)
            }
            let query = listing
            let (page, metadata) = try await store.read(request.site) { site, rules throws(WixError) in
                try query.page(items(site), properties: \.properties, filterable: D.filterable, sortable: D.sortable, rules: rules)
            }
            return answer(page, metadata)
        }
    }

    /// The paging and sort of a List (query parameters) or a Query (`{"query": {filter, sort, paging}}`).
    static func definitionQuery(_ request: APIRequest, isQuery: Bool) throws(WixError) -> DefinitionQuery {
        let sortField: String?, order: String?
        var query = DefinitionQuery()
        if isQuery {
            let body = try request.decode(DefinitionWire.QueryBody.self)
            let sorts = body.query?.sort ?? []
            guard sorts.count <= 1 else { throw .invalid("query.sort", "accepts at most 1 sort", rule: "MAX") }
            (sortField, order) = (sorts.first?.fieldName, sorts.first?.order)
            query.filter = body.query?.filter
            query.limit = body.query?.paging?.limit?.value
            query.offset = body.query?.paging?.offset?.value
        } else {
            (sortField, order) = (request.string("sort.fieldName"), request.string("sort.order"))
            query.limit = try request.int("paging.limit")
            query.offset = try request.int("paging.offset")
        }
        let upper = order?.uppercased()
        guard upper == nil || upper == "ASC" || upper == "DESC" else { throw .invalid("sort.order", "must be ASC or DESC", rule: "FORMAT") }
        query.sortField = sortField
        query.descending = upper == "DESC"
        return query
    }
}
