public import FunnelCore

/// One record as read from a source, before mapping.
public struct SourceRecord: Sendable, Hashable {
    /// The CRM record id (`source.key`), when the record has one.
    public var key: String?
    /// The record's fields: CSV columns as strings, JSON objects as they are. Dotted paths in
    /// templates (`contact.email`) look up nested objects; a flat key that contains dots wins.
    public var fields: [String: JSONValue]
    /// Where the record was read, for messages: `leads.csv:14`, `leads.ndjson:3`,
    /// `GET https://api.example.com/leads page 2 #5`.
    public var location: String

    public init(key: String?, fields: [String: JSONValue], location: String) {
        self.key = key; self.fields = fields; self.location = location
    }

    /// Builds a record and reads its key from `keyPath` (dotted path allowed); an empty or null value is no key.
    public init(fields: [String: JSONValue], keyPath: String, location: String) {
        self.fields = fields
        self.location = location
        self.key = nil
        if let value = self[keyPath], case let text = value.stringValue, !text.isEmpty { self.key = text }
    }

    /// The value at a field name or dotted path (`owner.email`, `emails.0.value`), or nil.
    public subscript(path: String) -> JSONValue? {
        Self.lookup(path, in: fields)
    }

    /// Dotted lookup shared with the template fast path: a flat key first, then nested objects/arrays.
    static func lookup(_ path: String, in fields: [String: JSONValue]) -> JSONValue? {
        if let direct = fields[path] { return direct }
        guard let dot = path.firstIndex(of: ".") else { return nil }
        guard let head = fields[String(path[..<dot])] else { return nil }
        return head[path: String(path[path.index(after: dot)...])]
    }
}
