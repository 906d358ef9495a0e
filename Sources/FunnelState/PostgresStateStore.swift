import FunnelCore

/// Placeholder until the PostgreSQL backend lands.
final class PostgresStateStore {
    static func open(url: PostgresStateURL, namespace: String, createIfMissing: Bool,
                     holder: LockHolder) async throws -> any StateStore {
        throw StateStoreError.unreadable(path: url.description, reason: "PostgreSQL state is not available in this build yet")
    }
}
