public import Foundation
public import FunnelCore

/// A Wix contact (Contacts v4). Only `info` is writable.
public struct Contact: Sendable, Hashable, Codable {
    public var id: String
    /// Increments on every update; send it back with `updateContact`.
    public var revision: Int
    public var info: ContactInfo?
    public var primaryInfo: PrimaryInfo?
    public var createdDate: Date?
    public var updatedDate: Date?
    /// `info` exactly as Wix sent it, fields this type does not model included (birthdate,
    /// addresses, picture, locale…): an update starts from it so nothing funnel does not own is lost.
    public var rawInfo: JSONValue? = nil

    private enum CodingKeys: String, CodingKey { case id, revision, info, primaryInfo, createdDate, updatedDate }

    /// `primaryInfo`: the contact's primary email and phone, as Wix derives them.
    public struct PrimaryInfo: Sendable, Hashable, Codable {
        public var email: String?
        public var phone: String?
    }

    public init(id: String, revision: Int, info: ContactInfo? = nil, primaryInfo: PrimaryInfo? = nil) {
        self.id = id
        self.revision = revision
        self.info = info
        self.primaryInfo = primaryInfo
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        revision = try container.decodeIfPresent(Int.self, forKey: .revision) ?? 0
        info = try container.decodeIfPresent(ContactInfo.self, forKey: .info)
        rawInfo = try container.decodeIfPresent(JSONValue.self, forKey: .info)
        primaryInfo = try container.decodeIfPresent(PrimaryInfo.self, forKey: .primaryInfo)
        createdDate = try container.decodeIfPresent(Date.self, forKey: .createdDate)
        updatedDate = try container.decodeIfPresent(Date.self, forKey: .updatedDate)
    }

    /// Every email of the contact, the primary one first.
    public var emails: [String] {
        let items: [ContactInfo.Email] = info?.emails?.items ?? []
        let primary = items.filter { $0.primary == true }
        let others = items.filter { $0.primary != true }
        return (primary + others).map(\.email)
    }

    /// Every phone of the contact, the primary one first.
    public var phones: [String] {
        let items: [ContactInfo.Phone] = info?.phones?.items ?? []
        let primary = items.filter { $0.primary == true }
        let others = items.filter { $0.primary != true }
        return (primary + others).map(\.phone)
    }
}

/// The writable part of a contact. Fields left nil are not sent, so an update leaves them as
/// Wix has them; a list that is sent replaces the stored one (wix-api.md §4.3).
public struct ContactInfo: Sendable, Hashable, Codable {
    public var name: Name?
    public var emails: Items<[Email]>?
    public var phones: Items<[Phone]>?
    public var company: String?
    public var jobTitle: String?
    /// `custom.*` and system keys with their values.
    public var extendedFields: Items<[String: JSONValue]>?
    public var labelKeys: Items<[String]>?
    /// Passed through untouched, so a read-modify-write does not lose them.
    public var addresses: JSONValue?

    public struct Name: Sendable, Hashable, Codable {
        public var first: String?
        public var last: String?
        public init(first: String? = nil, last: String? = nil) {
            self.first = first
            self.last = last
        }
    }

    public struct Email: Sendable, Hashable, Codable {
        public var id: String?
        /// `UNTAGGED`, `MAIN`, `HOME` or `WORK`.
        public var tag: String?
        public var email: String
        public var primary: Bool?
        public init(email: String, tag: String? = nil, primary: Bool? = nil) {
            self.email = email
            self.tag = tag
            self.primary = primary
        }
    }

    public struct Phone: Sendable, Hashable, Codable {
        public var id: String?
        /// `UNTAGGED`, `MAIN`, `HOME`, `MOBILE`, `WORK` or `FAX`.
        public var tag: String?
        public var countryCode: String?
        public var phone: String
        /// Read-only, derived by Wix.
        public var e164Phone: String?
        public var primary: Bool?
        public init(phone: String, countryCode: String? = nil, tag: String? = nil, primary: Bool? = nil) {
            self.phone = phone
            self.countryCode = countryCode
            self.tag = tag
            self.primary = primary
        }
    }

    /// Wix's `{"items": …}` wrapper.
    public struct Items<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
        public var items: Value
        public init(_ items: Value) { self.items = items }
    }

    public init(
        name: Name? = nil, emails: [Email]? = nil, phones: [Phone]? = nil, company: String? = nil,
        jobTitle: String? = nil, extendedFields: [String: JSONValue]? = nil, labelKeys: [String]? = nil
    ) {
        self.name = name
        self.emails = emails.map { Items($0) }
        self.phones = phones.map { Items($0) }
        self.company = company
        self.jobTitle = jobTitle
        self.extendedFields = extendedFields.map { Items($0) }
        self.labelKeys = labelKeys.map { Items($0) }
    }

    /// The common case: a name, one primary email and/or one primary phone.
    public init(first: String?, last: String?, email: String?, phone: String? = nil) {
        self.init(
            name: first == nil && last == nil ? nil : Name(first: first, last: last),
            emails: email.map { [Email(email: $0, primary: true)] },
            phones: phone.map { [Phone(phone: $0, primary: true)] })
    }
}
