import FunnelCore

/// Contacts v4 JSON shapes (wix-api.md §4.1), as the sandbox stores, sends and receives them.
enum ContactWire {
    struct Items<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        var items: [Item]
    }

    struct Name: Codable, Sendable, Equatable {
        var first: String?
        var last: String?
    }

    struct Email: Codable, Sendable, Equatable {
        var id: String?
        var tag: String?
        var email: String?
        var primary: Bool?
    }

    struct Phone: Codable, Sendable, Equatable {
        var id: String?
        var tag: String?
        var countryCode: String?
        var phone: String?
        var e164Phone: String?
        var primary: Bool?
    }

    struct Address: Codable, Sendable, Equatable {
        var id: String?
        var tag: String?
        var address: JSONValue?
    }

    struct ExtendedFields: Codable, Sendable, Equatable {
        var items: [String: JSONValue]
    }

    /// `info`: the writable part of a contact.
    struct Info: Codable, Sendable, Equatable {
        var name: Name?
        var emails: Items<Email>?
        var phones: Items<Phone>?
        var addresses: Items<Address>?
        var company: String?
        var jobTitle: String?
        var birthdate: String?
        var locale: String?
        var labelKeys: Items<String>?
        var extendedFields: ExtendedFields?
        var locations: Items<String>?
        var picture: JSONValue?
    }

    struct PrimaryInfo: Codable, Sendable, Equatable {
        var email: String?
        var phone: String?
    }

    struct Source: Codable, Sendable, Equatable {
        var sourceType: String
        var appId: String?
    }

    struct LastActivity: Codable, Sendable, Equatable {
        var activityDate: String
        var activityType: String
    }

    struct Contact: Codable, Sendable, Equatable {
        var id: String
        var revision: Int
        var source: Source?
        var createdDate: String?
        var updatedDate: String?
        var lastActivity: LastActivity?
        var primaryInfo: PrimaryInfo?
        /// The contact's picture, as the documented examples show it at the top level (a copy of `info.picture`).
        var picture: JSONValue?
        var info: Info?
    }

    struct PagingMetadata: Encodable, Sendable {
        var count: Int
        var offset: Int
        var total: Int
        var tooManyToCount: Bool
    }

    // Responses

    struct ContactResponse: Encodable, Sendable { var contact: Contact }
    struct GetContact: Encodable, Sendable { var contact: Contact; var responseType: String }
    struct ContactsPage: Encodable, Sendable { var contacts: [Contact]; var pagingMetadata: PagingMetadata }

    // Requests

    struct CreateBody: Decodable, Sendable { var info: Info?; var allowDuplicates: Bool? }
    struct UpdateBody: Decodable, Sendable { var revision: FlexibleInt?; var info: Info?; var allowDuplicates: Bool? }

    struct QueryBody: Decodable, Sendable {
        struct Sort: Decodable, Sendable { var fieldName: String?; var order: String? }
        struct Paging: Decodable, Sendable { var limit: FlexibleInt?; var offset: FlexibleInt? }
        struct Query: Decodable, Sendable {
            var filter: JSONValue?
            var sort: [Sort]?
            var paging: Paging?
            var fields: [String]?
            var fieldsets: [String]?
        }
        var search: String?
        var query: Query?
    }
}
