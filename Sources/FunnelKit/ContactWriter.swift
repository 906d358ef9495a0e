import FunnelCore
import WixAPI

/// Builds Contacts v4 `info` objects from funnel's managed fields.
enum ContactWriter {
    static func info(for fields: DesiredContact, identity: ContactIdentity) -> ContactInfo {
        var info = ContactInfo(first: fields.first, last: fields.last,
                               email: fields.email ?? (identity.kind == .email ? identity.value : nil),
                               phone: fields.phone ?? (identity.kind == .phone ? identity.value : nil))
        info.company = fields.company
        info.jobTitle = fields.jobTitle
        return info
    }

    /// `current.info` with the plan's changed fields (`first`, `last`, `email`, `phone`, `company`, `jobTitle`)
    /// written over it; the primary email/phone is replaced, the others kept.
    static func apply(_ changes: [String: String], to current: Contact) -> ContactInfo {
        var info = current.info ?? ContactInfo()
        for (field, value) in changes {
            switch field {
            case "first": info.name = ContactInfo.Name(first: value, last: info.name?.last)
            case "last": info.name = ContactInfo.Name(first: info.name?.first, last: value)
            case "company": info.company = value
            case "jobTitle": info.jobTitle = value
            case "email":
                var items = info.emails?.items ?? []
                if let index = items.firstIndex(where: { $0.primary == true }) ?? items.indices.first {
                    items[index].email = value
                } else {
                    items = [ContactInfo.Email(email: value, primary: true)]
                }
                info.emails = ContactInfo.Items(items)
            case "phone":
                var items = info.phones?.items ?? []
                if let index = items.firstIndex(where: { $0.primary == true }) ?? items.indices.first {
                    items[index].phone = value
                    items[index].e164Phone = nil
                } else {
                    items = [ContactInfo.Phone(phone: value, primary: true)]
                }
                info.phones = ContactInfo.Items(items)
            default: break
            }
        }
        return info
    }
}
