/// A contact label (Contacts v4 Labels API, `ContactLabel`): a contact carries it by `key` in
/// `info.labelKeys`; people see `displayName`.
public struct ContactLabel: Sendable, Hashable, Codable {
    /// `custom.<generated>` for labels a site or app made, e.g. `custom.owner-dana`.
    public var key: String
    public var displayName: String
    /// `SYSTEM`, `USER_DEFINED` or `WIX_APP_DEFINED`.
    public var labelType: String?
    public var namespace: String?

    public init(key: String, displayName: String, labelType: String? = nil, namespace: String? = nil) {
        self.key = key; self.displayName = displayName; self.labelType = labelType; self.namespace = namespace
    }
}

/// A custom contact field's definition (Contacts v4 Extended Fields API, `ExtendedField`): its `key`
/// never changes when a person renames it in the dashboard.
public struct ExtendedField: Sendable, Hashable, Codable {
    /// `custom.<generated>` for user-defined fields; system fields have their own namespaces.
    public var key: String
    public var displayName: String
    /// `TEXT`, `NUMBER`, `DATE` or `URL`.
    public var dataType: String
    /// `SYSTEM` or `USER_DEFINED`.
    public var fieldType: String?
    public var namespace: String?

    public init(key: String, displayName: String, dataType: String, fieldType: String? = nil, namespace: String? = nil) {
        self.key = key; self.displayName = displayName; self.dataType = dataType; self.fieldType = fieldType
        self.namespace = namespace
    }
}
