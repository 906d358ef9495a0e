public import FunnelCore

/// Opens the state store a `StateLocation` names.
public enum StateStores {
    /// Opens (and, unless `createIfMissing` is false, creates and migrates) the state at `location`.
    /// `namespace` keeps one funnel's state apart from the others' in a shared PostgreSQL database
    /// (a SQLite file holds one funnel and ignores it). With `pools`, a PostgreSQL store uses the
    /// process's pool of its database (a long-running process opens a store per cycle); without,
    /// a pool of its own that `close()` shuts down.
    /// - Throws: `StateStoreError` (`missing` when `createIfMissing` is false and there is no state).
    public static func open(location: StateLocation, namespace: String, createIfMissing: Bool = true,
                            holder: LockHolder = .current, pools: PostgresPools? = nil) async throws -> any StateStore {
        switch location {
        case .sqlite(let path):
            return try SQLiteStateStore.open(path: path, createIfMissing: createIfMissing, holder: holder)
        case .postgres(let url):
            return try await PostgresStateStore.open(url: url, namespace: namespace, createIfMissing: createIfMissing,
                                                     holder: holder, pools: pools)
        }
    }

    /// Opens the store, runs `body` with it and closes it, also when `body` throws.
    public static func withStore<T: Sendable>(location: StateLocation, namespace: String, createIfMissing: Bool = true,
                                              pools: PostgresPools? = nil,
                                              _ body: (any StateStore) async throws -> T) async throws -> T {
        let store = try await open(location: location, namespace: namespace, createIfMissing: createIfMissing, pools: pools)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
