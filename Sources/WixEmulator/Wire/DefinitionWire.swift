import FunnelCore

/// Contacts v4 Labels and Extended Fields JSON shapes (docs/wix-labels-fields.md), as the sandbox
/// stores, sends and receives them.
enum DefinitionWire {
    /// A contact label (`ContactLabel`).
    struct Label: Codable, Sendable, Equatable {
        var namespace: String
        var namespaceDisplayName: String?
        var key: String
        var displayName: String
        /// `SYSTEM`, `USER_DEFINED` or `WIX_APP_DEFINED`.
        var labelType: String
        var createdDate: String?
        var updatedDate: String?
    }

    /// An extended field definition (`ExtendedField`).
    struct Field: Codable, Sendable, Equatable {
        var namespace: String
        var key: String
        var displayName: String
        /// `TEXT`, `NUMBER`, `DATE` or `URL`.
        var dataType: String
        /// `SYSTEM` or `USER_DEFINED`.
        var fieldType: String
        var createdDate: String?
        var updatedDate: String?
        var description: String?
    }

    struct Metadata: Encodable, Sendable {
        var count: Int
        var offset: Int
        var total: Int
        var tooManyToCount: Bool
    }

    // Responses

    struct FoundOrCreatedLabel: Encodable, Sendable { var label: Label; var newLabel: Bool }
    struct LabelResponse: Encodable, Sendable { var label: Label }
    /// List Labels answers `metadata` (documented example); Query Labels `pagingMetadata`.
    struct LabelsPage: Encodable, Sendable {
        var labels: [Label]
        var metadata: Metadata?
        var pagingMetadata: Metadata?
    }
    struct FoundOrCreatedField: Encodable, Sendable { var field: Field; var newField: Bool }
    struct FieldResponse: Encodable, Sendable { var field: Field }
    struct FieldsPage: Encodable, Sendable {
        var fields: [Field]
        var metadata: Metadata?
        var pagingMetadata: Metadata?
    }

    // Requests

    struct FindOrCreateLabelBody: Decodable, Sendable { var displayName: String?; var language: String? }
    struct UpdateLabelBody: Decodable, Sendable {
        struct Patch: Decodable, Sendable { var displayName: String? }
        var label: Patch?
    }
    struct FindOrCreateFieldBody: Decodable, Sendable { var displayName: String?; var dataType: String? }
    struct UpdateFieldBody: Decodable, Sendable {
        struct Patch: Decodable, Sendable { var displayName: String? }
        var field: Patch?
    }
    struct QueryBody: Decodable, Sendable {
        struct Sort: Decodable, Sendable { var fieldName: String?; var order: String? }
        struct Paging: Decodable, Sendable { var limit: FlexibleInt?; var offset: FlexibleInt? }
        struct Query: Decodable, Sendable { var filter: JSONValue?; var sort: [Sort]?; var paging: Paging? }
        var query: Query?
    }
    /// Label Contact and Unlabel Contact (the latter as a JSON body on a DELETE).
    struct LabelKeysBody: Decodable, Sendable { var labelKeys: [String]? }
}
