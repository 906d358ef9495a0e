import FunnelCore
import PostgresNIO

/// `funnel state list | show | rm` on PostgreSQL, answered from the snapshot.
extension PostgresStateStore {
    public func addresses() async throws -> [String] {
        StateAddressBook.addresses(in: try await snapshot())
    }

    public func show(address: String) async throws -> [(String, String)]? {
        let parsed = try StateAddress(parsing: address)
        return StateAddressBook.lines(at: parsed, in: try await snapshot())
    }

    /// Forgets what is at `address` (call it holding the lock, as `state rm` does).
    @discardableResult
    public func remove(address: String) async throws -> Bool {
        let parsed = try StateAddress(parsing: address)
        guard let mutations = StateAddressBook.removal(at: parsed, in: try await snapshot()) else { return false }
        try await save(mutations)
        return true
    }
}

extension PostgresStateStore {
    /// Forgets everything this namespace holds (state, journal, lock holder row): the PostgreSQL
    /// equivalent of deleting a SQLite state file. Other namespaces are untouched.
    public func deleteNamespace() async throws {
        let namespace = self.namespace
        try await transaction { connection in
            let logger = PostgresConnectionSettings.silent
            try await connection.query("DELETE FROM funnel_lock_holders WHERE namespace = \(namespace)", logger: logger)
            try await connection.query("DELETE FROM funnel_state WHERE namespace = \(namespace)", logger: logger)
        }
    }
}
