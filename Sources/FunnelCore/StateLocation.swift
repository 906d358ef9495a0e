/// Where funnel keeps its state: a local SQLite file, or a PostgreSQL database shared by a team
/// (and by many funnels, each under its own namespace).
public enum StateLocation: Sendable, Hashable, CustomStringConvertible {
    /// An absolute path to the SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresStateURL)

    /// Reads a `state:` value: a `postgres://` URL, or else a file path (returned as given).
    /// - Throws: `PostgresStateURL.ParseError` for a database URL that is not usable.
    public init(parsing text: String) throws(PostgresStateURL.ParseError) {
        if PostgresStateURL.looksLikeDatabaseURL(text) {
            self = .postgres(try PostgresStateURL(parsing: text))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The path, or the URL with its password masked: safe to print.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return url.description
        }
    }

    /// The SQLite path, or nil for PostgreSQL.
    public var sqlitePath: String? {
        if case .sqlite(let path) = self { return path }
        return nil
    }
}
