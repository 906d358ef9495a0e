import FunnelCore

/// What List Contacts and Query Contacts share: filter, search, one sort, offset paging, fieldsets.
struct ContactQuery: Sendable {
    var filter: ContactFilter?
    var search: String?
    var sortField: String?
    var descending: Bool?
    var limit: Int?
    var offset: Int?
    var fieldsets: [String] = []
}

/// Contacts v4: List Contacts and Query Contacts. The default order is `createdDate` descending.
extension SiteState {
    static let contactSortFields: Set<String> = [
        "createdDate", "lastActivity.activityDate", "primaryInfo.email", "info.name.first", "info.name.last",
        "info.company", "info.jobTitle", "info.birthdate",
    ]
    static let fieldsets: Set<String> = ["BASIC", "COMMUNICATION_DETAILS", "EXTENDED", "FULL"]

    func queryContacts(_ query: ContactQuery, rules: SiteRules) throws(WixError) -> ContactWire.ContactsPage {
        let window = try PageWindow(limit: query.limit, offset: query.offset, defaultLimit: rules.pageSizes.contactsDefault,
                                    maxLimit: rules.pageSizes.contactsMax,
                                    rejectOversized: rules.rejectsOversizedPages,
                                    limitField: "paging.limit", offsetField: "paging.offset")
        let sortField = query.sortField ?? "createdDate"
        guard Self.contactSortFields.contains(sortField) else {
            throw .invalid("sort.fieldName", "cannot sort by \"\(sortField)\"", rule: "FORMAT")
        }
        if let search = query.search, search.count > 100 {
            throw .invalid("search", "must be at most 100 characters", rule: "MAX_LENGTH")
        }
        for fieldset in query.fieldsets where !Self.fieldsets.contains(fieldset) {
            throw .invalid("fieldsets", "unknown fieldset \"\(fieldset)\"", rule: "FORMAT")
        }
        let descending = query.descending ?? true
        if rules.plays(.inLimit100), let longest = query.filter?.longestList, longest > 100 {
            throw .invalid("query.filter", "$in accepts at most 100 values, got \(longest)", rule: "MAX")
        }

        var ids: [String]
        if let emails = query.filter?.indexedEmails {
            let hits = Set(emails.flatMap { contactIds(withEmail: $0, rules: rules) })
            ids = hits.sorted { (contactRank[$0] ?? .max) < (contactRank[$1] ?? .max) }
        } else {
            ids = contactOrder
        }
        let filtering = query.filter != nil || !(query.search ?? "").isEmpty
        if filtering {
            ids = ids.filter { id in
                guard let contact = contacts[id] else { return false }
                return query.filter?.matches(contact, rules: rules) ?? true
                    && Self.matchesSearch(contact, query.search)
            }
        }
        if sortField == "createdDate" {
            if descending { ids.reverse() }
        } else {
            let rank = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            ids.sort { lhs, rhs in
                let left = Self.sortValue(sortField, contacts[lhs]!), right = Self.sortValue(sortField, contacts[rhs]!)
                if left != right { return descending ? left > right : left < right }
                return rank[lhs]! < rank[rhs]!
            }
        }
        let page = ids[window.range(total: ids.count)].compactMap { contacts[$0] }
            .map { Self.project($0, fieldsets: query.fieldsets) }
        return .init(contacts: page, pagingMetadata: .init(count: page.count, offset: window.offset, total: ids.count,
                                                           tooManyToCount: false))
    }

    private static func matchesSearch(_ contact: ContactWire.Contact, _ search: String?) -> Bool {
        guard let search = search?.lowercased(), !search.isEmpty else { return true }
        let info = contact.info
        let haystack = [info?.name?.first, info?.name?.last].compactMap { $0 }
            + (info?.emails?.items.compactMap(\.email) ?? []) + (info?.phones?.items.compactMap(\.phone) ?? [])
        return haystack.contains { $0.lowercased().contains(search) }
    }

    private static func sortValue(_ field: String, _ contact: ContactWire.Contact) -> String {
        if field == "primaryInfo.email" { return contact.primaryInfo?.email ?? "" }
        return ContactFilter.values(of: field, in: contact).first ?? ""
    }

    /// Applies fieldsets: BASIC = id, revision, primaryInfo, info.name; COMMUNICATION_DETAILS adds
    /// emails, phones, addresses; EXTENDED adds extendedFields; FULL (the default) is everything.
    static func project(_ contact: ContactWire.Contact, fieldsets: [String]) -> ContactWire.Contact {
        if fieldsets.isEmpty || fieldsets.contains("FULL") { return contact }
        let info = contact.info
        var projected = ContactWire.Info(name: info?.name)
        if fieldsets.contains("COMMUNICATION_DETAILS") {
            projected.emails = info?.emails
            projected.phones = info?.phones
            projected.addresses = info?.addresses
        }
        if fieldsets.contains("EXTENDED") { projected.extendedFields = info?.extendedFields }
        return .init(id: contact.id, revision: contact.revision, primaryInfo: contact.primaryInfo, info: projected)
    }
}
