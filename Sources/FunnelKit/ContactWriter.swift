import FunnelCore
import WixAPI

/// Builds Contacts v4 `info` objects from funnel's managed fields.
enum ContactWriter {
    /// A new contact's `info`. Its phone (E.164) carries `contact.country` as its `countryCode` when the
    /// number belongs to that country.
    static func info(for fields: DesiredContact, identity: ContactIdentity, country: String?) -> ContactInfo {
        let phone = fields.phone ?? (identity.kind == .phone ? identity.value : nil)
        var info = ContactInfo(first: fields.first, last: fields.last,
                               email: fields.email ?? (identity.kind == .email ? identity.value : nil), phone: nil)
        if let phone {
            info.phones = ContactInfo.Items([ContactInfo.Phone(phone: phone, countryCode: countryCode(of: phone, country: country),
                                                               primary: true)])
        }
        info.company = fields.company
        info.jobTitle = fields.jobTitle
        return info
    }

    /// `current` as read with the plan's changed fields (`first`, `last`, `email`, `phone`, `company`,
    /// `jobTitle`) written over it; the primary email/phone is replaced, every other field kept.
    static func update(_ changes: [String: String], to current: Contact, country: String?) -> ContactInfoUpdate {
        var update = ContactInfoUpdate(current)
        for (field, value) in changes.sorted(by: { $0.key < $1.key }) {
            switch field {
            case "first": update.setFirstName(value)
            case "last": update.setLastName(value)
            case "company": update.setCompany(value)
            case "jobTitle": update.setJobTitle(value)
            case "email": update.setPrimaryEmail(value)
            case "phone": update.setPrimaryPhone(value, countryCode: countryCode(of: value, country: country))
            default: break
            }
        }
        return update
    }

    /// `country` when `phone` (E.164) starts with its calling code, else nil (Wix derives it).
    static func countryCode(of phone: String, country: String?) -> String? {
        guard let country, let code = PhoneNumber.callingCode(country), phone.hasPrefix("+" + code) else { return nil }
        return country
    }
}
