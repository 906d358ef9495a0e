import Foundation
public import FunnelCore

/// The state backends a test runs against: `@Test(arguments: StateBackend.available)`.
public enum StateBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when `PostgresFixture.isAvailable` (always in CI).
    public static var available: [StateBackend] { PostgresFixture.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    public var description: String { rawValue }

    /// Runs `body` with a new, empty state location: a file in a temporary directory, or a database
    /// of its own on the test PostgreSQL server.
    public func withLocation<T>(_ body: (StateLocation) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-state-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body(.sqlite(path: directory.appendingPathComponent("state.db").path))
        case .postgres:
            return try await PostgresFixture.withDatabase { url in try await body(.postgres(url)) }
        }
    }
}
