/// The keys one mapping of `funnel.yaml` accepts and which of them are required.
///
/// The loader checks every mapping against its table (unknown keys, missing keys), and the JSON
/// Schema has one `$defs` entry per table with the same `name`; a test keeps the two identical.
public struct ConfigKeyTable: Sendable, Hashable {
    /// The table's name: `root` for the document itself, otherwise the schema's `$defs` key.
    public let name: String
    /// Every accepted key, in the order the documentation lists them.
    public let keys: [String]
    /// The keys that must be present.
    public let required: [String]

    public init(_ name: String, keys: [String], required: [String] = []) {
        self.name = name; self.keys = keys; self.required = required
    }
}

/// Every key table of `funnel.yaml` version 1.
public enum ConfigKeys {
    public static let root = ConfigKeyTable("root",
        keys: ["version", "wix", "workflow", "source", "contact", "card", "state", "policy"],
        required: ["version", "wix", "workflow", "source", "contact", "card"])

    public static let wix = ConfigKeyTable("wix", keys: ["sandbox", "siteId", "apiKey", "oauth", "endpoint", "rate_limit"])
    public static let wixOAuth = ConfigKeyTable("wix_oauth", keys: ["appId", "appSecret", "instanceId"],
                                                required: ["appId", "appSecret", "instanceId"])

    public static let workflow = ConfigKeyTable("workflow", keys: ["name", "description", "id", "phases"], required: ["phases"])
    public static let phase = ConfigKeyTable("phase", keys: ["name", "was"], required: ["name"])
    public static let phasesMirror = ConfigKeyTable("phases_mirror", keys: ["from", "rename", "exclude", "map"], required: ["from"])

    public static let sourceCSV = ConfigKeyTable("source_csv",
        keys: ["type", "key", "path", "delimiter", "columns", "stages"], required: ["type", "key", "path"])
    public static let sourceJSON = ConfigKeyTable("source_json",
        keys: ["type", "key", "path", "records", "stages"], required: ["type", "key", "path"])
    public static let sourceNDJSON = ConfigKeyTable("source_ndjson",
        keys: ["type", "key", "path", "stages"], required: ["type", "key", "path"])
    public static let sourceHTTP = ConfigKeyTable("source_http",
        keys: ["type", "key", "url", "headers", "records", "pagination", "timeout", "max_pages", "stages"],
        required: ["type", "key", "url"])
    public static let sourceHubSpot = ConfigKeyTable("source_hubspot",
        keys: ["type", "key", "token", "pipeline", "base_url", "properties"], required: ["type", "token", "pipeline"])
    public static let sourcePipedrive = ConfigKeyTable("source_pipedrive",
        keys: ["type", "key", "token", "pipeline", "base_url"], required: ["type", "token", "pipeline"])
    public static let stage = ConfigKeyTable("stage", keys: ["id", "label", "order", "kind"], required: ["id"])

    public static let paginationNextLink = ConfigKeyTable("pagination_next_link", keys: ["type", "pointer"], required: ["type", "pointer"])
    public static let paginationLinkHeader = ConfigKeyTable("pagination_link_header", keys: ["type"], required: ["type"])
    public static let paginationCursor = ConfigKeyTable("pagination_cursor",
        keys: ["type", "pointer", "param"], required: ["type", "pointer", "param"])
    public static let paginationOffset = ConfigKeyTable("pagination_offset",
        keys: ["type", "offset_param", "limit_param", "limit"], required: ["type"])

    public static let contact = ConfigKeyTable("contact", keys: ["match", "fields", "country", "labels", "custom", "update"],
                                               required: ["fields"])
    public static let customField = ConfigKeyTable("custom_field", keys: ["value", "type"], required: ["value"])
    public static let contactFields = ConfigKeyTable("contact_fields", keys: ["first", "last", "email", "phone", "company", "jobTitle"])
    public static let card = ConfigKeyTable("card", keys: ["source", "name", "description", "due", "phase"], required: ["source", "name", "phase"])
    public static let cardPhase = ConfigKeyTable("card_phase", keys: ["from", "map", "default"], required: ["from"])
    public static let policy = ConfigKeyTable("policy", keys: ["missing", "drift", "max_archive", "delete_phases"])

    /// The table for each `source.type`.
    public static let sourceByType: [(type: String, table: ConfigKeyTable)] = [
        ("csv", sourceCSV), ("json", sourceJSON), ("ndjson", sourceNDJSON),
        ("http", sourceHTTP), ("hubspot", sourceHubSpot), ("pipedrive", sourcePipedrive),
    ]

    /// The table for each `source.pagination.type`.
    public static let paginationByType: [(type: String, table: ConfigKeyTable)] = [
        ("next_link", paginationNextLink), ("link_header", paginationLinkHeader),
        ("cursor", paginationCursor), ("offset", paginationOffset),
    ]

    /// Every table, for the schema drift test and the reference docs.
    public static let all: [ConfigKeyTable] = [
        root, wix, wixOAuth, workflow, phase, phasesMirror,
        sourceCSV, sourceJSON, sourceNDJSON, sourceHTTP, sourceHubSpot, sourcePipedrive, stage,
        paginationNextLink, paginationLinkHeader, paginationCursor, paginationOffset,
        contact, contactFields, customField, card, cardPhase, policy,
    ]
}
