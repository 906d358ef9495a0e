import FunnelCore

/// Contacts v4 (wix-api.md §4.2–4.4): create, get, update with `revision`, delete, duplicates.
extension SiteState {
    mutating func createContact(_ body: ContactWire.CreateBody, source: ContactWire.Source, rules: SiteRules)
        throws(WixError) -> ContactWire.Contact {
        guard var info = body.info else { throw .invalid("info", "is required") }
        try normalize(&info)
        try checkDefinitions(&info, sent: info, stored: nil, rules: rules)
        let now = Timestamp.now()
        var contact = ContactWire.Contact(
            id: newId(), revision: 1, source: source, createdDate: now, updatedDate: now,
            lastActivity: .init(activityDate: now, activityType: "CONTACT_CREATED"), primaryInfo: nil, info: info)
        contact.primaryInfo = primaryInfo(of: info)
        contact.picture = info.picture
        if body.allowDuplicates != true { try checkDuplicate(contact, rules: rules) }
        contacts[contact.id] = contact
        contactRank[contact.id] = (contactOrder.last.flatMap { contactRank[$0] } ?? -1) + 1
        contactOrder.append(contact.id)
        indexContact(contact)
        return contact
    }

    func contact(_ id: String) throws(WixError) -> ContactWire.Contact {
        guard let contact = contacts[id] else { throw .notFound("Contact", id) }
        return contact
    }

    /// Update Contact: `revision` must be current; each `info` sub-object sent replaces the stored one,
    /// omitted sub-objects are kept (wix-api.md §4.3, open question 11).
    mutating func updateContact(_ id: String, _ body: ContactWire.UpdateBody, rules: SiteRules)
        throws(WixError) -> ContactWire.Contact {
        var contact = try self.contact(id)
        guard let revision = body.revision?.value else { throw .invalid("revision", "is required") }
        guard let patch = body.info else { throw .invalid("info", "is required") }
        guard revision == contact.revision else {
            throw .application(409, "REVISION_MISMATCH", "entity has already changed since the requested revision",
                               data: ["currentRevision": .number(Double(contact.revision))])
        }
        var info = contact.info ?? .init()
        // `contact-info-replace`: the sent `info` is the whole new `info`; anything left out is erased.
        if rules.plays(.contactInfoReplace) { info = .init() }
        if let value = patch.name { info.name = value }
        if let value = patch.emails { info.emails = value }
        if let value = patch.phones { info.phones = value }
        if let value = patch.addresses { info.addresses = value }
        if let value = patch.company { info.company = value }
        if let value = patch.jobTitle { info.jobTitle = value }
        if let value = patch.birthdate { info.birthdate = value }
        if let value = patch.locale { info.locale = value }
        if let value = patch.labelKeys { info.labelKeys = value }
        if patch.extendedFields != nil { info.extendedFields = nil }  // replaced whole (or merged below)
        if let value = patch.locations { info.locations = value }
        if let value = patch.picture { info.picture = value }
        try normalize(&info)
        try checkDefinitions(&info, sent: patch, stored: contact.info, rules: rules)
        contact.info = info
        contact.primaryInfo = primaryInfo(of: info)
        contact.picture = info.picture
        if body.allowDuplicates != true { try checkDuplicate(contact, rules: rules) }
        contact.revision += 1
        contact.updatedDate = Timestamp.now()
        unindexContact(contacts[id]!)
        contacts[id] = contact
        indexContact(contact)
        return contact
    }

    mutating func deleteContact(_ id: String) throws(WixError) {
        let contact = try self.contact(id)
        unindexContact(contact)
        contacts[id] = nil
        contactRank[id] = nil
        contactOrder.removeAll { $0 == id }
    }

    /// Labels must exist (404 `LABEL_NOT_FOUND`), duplicates are dropped; extended-field values are checked
    /// against their definitions (400 `INVALID_EXTENDED_FIELD_VALUE`). A sent `extendedFields` replaces the
    /// stored one, or is merged into it under `extended-fields-merge`.
    private func checkDefinitions(_ info: inout ContactWire.Info, sent: ContactWire.Info, stored: ContactWire.Info?,
                                  rules: SiteRules) throws(WixError) {
        if let keys = info.labelKeys?.items {
            try checkLabelKeys(keys)
            var unique: [String] = []
            for key in keys where !unique.contains(key) { unique.append(key) }
            info.labelKeys = .init(items: unique)
        }
        if let fields = sent.extendedFields {
            let base = rules.plays(.extendedFieldsMerge) ? stored?.extendedFields?.items : nil
            let items = try checkedExtendedFields(fields.items, merging: base, rules: rules)
            info.extendedFields = .init(items: items)
        }
    }

    // MARK: Normalization and duplicates

    /// Gives items ids, enforces one primary email and phone (first one by default) and derives `e164Phone`.
    private func normalize(_ info: inout ContactWire.Info) throws(WixError) {
        var emails = info.emails?.items ?? []
        var phones = info.phones?.items ?? []
        let hasName = !(info.name?.first ?? "").isEmpty || !(info.name?.last ?? "").isEmpty
        if !hasName && !emails.contains(where: { !($0.email ?? "").isEmpty })
            && !phones.contains(where: { !($0.phone ?? "").isEmpty }) {
            throw .application(400, "INSUFFICIENT_CONTACT_DATA", "a contact needs at least a name, an email or a phone")
        }
        guard emails.count <= 50, phones.count <= 50, (info.addresses?.items.count ?? 0) <= 50 else {
            throw .invalid("info", "emails, phones and addresses hold at most 50 items each", rule: "MAX")
        }
        guard emails.filter({ $0.primary == true }).count <= 1, phones.filter({ $0.primary == true }).count <= 1 else {
            throw .application(400, "CANNOT_HAVE_MULTIPLE_PRIMARY_INFO", "only one email and one phone can be primary")
        }
        let primaryEmail = emails.firstIndex { $0.primary == true } ?? 0
        for index in emails.indices {
            if emails[index].id == nil { emails[index].id = newId() }
            if emails[index].tag == nil { emails[index].tag = "UNTAGGED" }
            emails[index].primary = index == primaryEmail
        }
        let primaryPhone = phones.firstIndex { $0.primary == true } ?? 0
        for index in phones.indices {
            if phones[index].id == nil { phones[index].id = newId() }
            if phones[index].tag == nil { phones[index].tag = "UNTAGGED" }
            phones[index].primary = index == primaryPhone
            // Wix derives `e164Phone` (read-only) from `phone` and `countryCode`; a number it cannot
            // place has none.
            let country = phones[index].countryCode
            phones[index].e164Phone = phones[index].phone.flatMap { PhoneNumber.normalized($0, country: country) }
        }
        if var addresses = info.addresses?.items {
            for index in addresses.indices where addresses[index].id == nil { addresses[index].id = newId() }
            info.addresses = .init(items: addresses)
        }
        if info.emails != nil || !emails.isEmpty { info.emails = .init(items: emails) }
        if info.phones != nil || !phones.isEmpty { info.phones = .init(items: phones) }
    }

    private func primaryInfo(of info: ContactWire.Info) -> ContactWire.PrimaryInfo {
        .init(email: info.emails?.items.first { $0.primary == true }?.email,
              phone: info.phones?.items.first { $0.primary == true }?.phone)
    }

    /// `allowDuplicates: false`: the primary email may not be another contact's primary email; with no
    /// email, the primary phone may not be another contact's primary phone (wix-api.md §4.4).
    private func checkDuplicate(_ contact: ContactWire.Contact, rules: SiteRules) throws(WixError) {
        if let email = contact.primaryInfo?.email, !email.isEmpty {
            let other = contactIds(withEmail: email, rules: rules).first { id in
                id != contact.id && contacts[id].flatMap { $0.primaryInfo?.email }
                    .map { emailsMatch($0, email, rules: rules) } == true
            }
            if let other {
                throw .application(409, "DUPLICATE_CONTACT_EXISTS", "A contact with the same primary email or phone already exists.",
                                   data: rules.strictness.duplicateErrorNamesContact
                                       ? ["duplicateContactId": .string(other), "duplicateEmail": .string(email)] : nil)
            }
        } else if let phone = contact.primaryInfo?.phone, !phone.isEmpty {
            let other = (phoneIndex[Self.normalizedPhone(phone)] ?? []).first { id in
                id != contact.id && contacts[id].flatMap { $0.primaryInfo?.phone }.map(Self.normalizedPhone)
                    == Self.normalizedPhone(phone)
            }
            if let other {
                throw .application(409, "DUPLICATE_CONTACT_EXISTS", "A contact with the same primary email or phone already exists.",
                                   data: rules.strictness.duplicateErrorNamesContact
                                       ? ["duplicateContactId": .string(other), "duplicatePhone": .string(phone)] : nil)
            }
        }
    }

    // MARK: Indexes

    /// Ids of contacts holding `email` among any of their emails, in creation order.
    func contactIds(withEmail email: String, rules: SiteRules) -> [String] {
        (emailIndex[email.lowercased()] ?? []).filter { id in
            rules.caseInsensitiveEmails
                || contacts[id]?.info?.emails?.items.contains { $0.email == email } == true
        }
    }

    func emailsMatch(_ lhs: String, _ rhs: String, rules: SiteRules) -> Bool {
        rules.caseInsensitiveEmails ? lhs.lowercased() == rhs.lowercased() : lhs == rhs
    }

    static func normalizedPhone(_ phone: String) -> String {
        phone.filter { !" -().".contains($0) }
    }

    mutating func indexContact(_ contact: ContactWire.Contact) {
        for email in Set((contact.info?.emails?.items ?? []).compactMap { $0.email?.lowercased() }) {
            emailIndex[email, default: []].append(contact.id)
        }
        for phone in Set((contact.info?.phones?.items ?? []).compactMap { $0.phone.map(Self.normalizedPhone) }) {
            phoneIndex[phone, default: []].append(contact.id)
        }
    }

    mutating func unindexContact(_ contact: ContactWire.Contact) {
        for email in Set((contact.info?.emails?.items ?? []).compactMap { $0.email?.lowercased() }) {
            emailIndex[email]?.removeAll { $0 == contact.id }
            if emailIndex[email]?.isEmpty == true { emailIndex[email] = nil }
        }
        for phone in Set((contact.info?.phones?.items ?? []).compactMap { $0.phone.map(Self.normalizedPhone) }) {
            phoneIndex[phone]?.removeAll { $0 == contact.id }
            if phoneIndex[phone]?.isEmpty == true { phoneIndex[phone] = nil }
        }
    }
}
