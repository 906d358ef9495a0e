public import FunnelCore

/// `source:` — where the CRM records come from.
public struct SourceSpec: Sendable {
    /// `source.key`: the record field (dotted path allowed) that holds the CRM record id.
    public var key: String
    public var kind: Kind
    /// `source.stages` (file and http sources): the pipeline, for `workflow.phases: { from: source }`.
    public var stages: [StageSpec]?
    /// `source.pipeline` (hubspot, pipedrive): pipeline id or label to read and mirror.
    public var pipeline: String?
    public var location: SourceLocation?

    public init(key: String, kind: Kind, stages: [StageSpec]? = nil, pipeline: String? = nil, location: SourceLocation? = nil) {
        self.key = key; self.kind = kind; self.stages = stages; self.pipeline = pipeline; self.location = location
    }

    public enum Kind: Sendable {
        case csv(CSVSource)
        case json(JSONFileSource)
        case ndjson(NDJSONSource)
        case http(HTTPSource)
        case hubspot(HubSpotSource)
        case pipedrive(PipedriveSource)

        /// The `type:` value.
        public var typeName: String {
            switch self {
            case .csv: "csv"
            case .json: "json"
            case .ndjson: "ndjson"
            case .http: "http"
            case .hubspot: "hubspot"
            case .pipedrive: "pipedrive"
            }
        }
    }
}

/// `type: csv` — RFC 4180 file.
public struct CSVSource: Sendable {
    /// Absolute path (resolved against the config's directory).
    public var path: String
    /// One character, default `,`.
    public var delimiter: Character
    /// Columns that must be present in the header (besides those the templates use).
    public var requiredColumns: [String]

    public init(path: String, delimiter: Character = ",", requiredColumns: [String] = []) {
        self.path = path; self.delimiter = delimiter; self.requiredColumns = requiredColumns
    }
}

/// `type: json` — an array of objects, or `records:` a JSON pointer to the array.
public struct JSONFileSource: Sendable {
    public var path: String
    /// RFC 6901 JSON pointer, e.g. `/data/items`; nil = the document is the array.
    public var recordsPointer: String?

    public init(path: String, recordsPointer: String? = nil) { self.path = path; self.recordsPointer = recordsPointer }
}

/// `type: ndjson` — one JSON object per line, read as a stream.
public struct NDJSONSource: Sendable {
    public var path: String
    public init(path: String) { self.path = path }
}

/// `type: http` — any JSON API.
public struct HTTPSource: Sendable {
    public var url: String
    /// Header name → value; values usually come from the environment and are treated as secrets.
    public var headers: [String: Secret]
    /// JSON pointer to the records array in each page (nil = the body is the array).
    public var recordsPointer: String?
    public var pagination: Pagination
    /// Seconds per request, default 30.
    public var timeoutSeconds: Double
    /// Safety net, default 1000.
    public var maxPages: Int

    public enum Pagination: Sendable, Hashable {
        case none
        /// The next page's URL at a JSON pointer in the body.
        case nextLink(pointer: String)
        /// RFC 8288 `Link: <...>; rel="next"`.
        case linkHeader
        /// A cursor at a JSON pointer in the body sent back as a query parameter.
        case cursor(pointer: String, parameter: String)
        /// `offset`/`limit` query parameters, page size `limit`; stops at a short page.
        case offset(offsetParameter: String, limitParameter: String, limit: Int)
    }

    public init(url: String, headers: [String: Secret] = [:], recordsPointer: String? = nil, pagination: Pagination = .none,
                timeoutSeconds: Double = 30, maxPages: Int = 1000) {
        self.url = url; self.headers = headers; self.recordsPointer = recordsPointer; self.pagination = pagination
        self.timeoutSeconds = timeoutSeconds; self.maxPages = maxPages
    }
}

/// `type: hubspot` — deals from the CRM v3 API with their associated contacts.
public struct HubSpotSource: Sendable {
    /// Private-app (or service-key) token, from the environment.
    public var token: Secret
    /// Default `https://api.hubapi.com`; override for tests and proxies.
    public var baseURL: String?
    /// Extra deal properties to read (the ones the templates use are added automatically).
    public var properties: [String]

    public init(token: Secret, baseURL: String? = nil, properties: [String] = []) {
        self.token = token; self.baseURL = baseURL; self.properties = properties
    }
}

/// `type: pipedrive` — deals from API v2 with their persons.
public struct PipedriveSource: Sendable {
    /// API token, from the environment (sent as `x-api-token`).
    public var token: Secret
    /// Default `https://api.pipedrive.com`; override for tests and company domains.
    public var baseURL: String?

    public init(token: Secret, baseURL: String? = nil) { self.token = token; self.baseURL = baseURL }
}
