/// SQLite's synchronous methods satisfy the protocol's `async throws` requirements.
extension SQLiteStateStore: StateStore {
    /// The database file's path.
    public var location: String { path }

    /// Nothing to do: GRDB closes the file when the store is released.
    public func close() async {}
}
