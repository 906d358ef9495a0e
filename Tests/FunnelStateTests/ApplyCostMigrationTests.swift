import Foundation
import FunnelCore
import FunnelTestSupport
import GRDB
import PostgresNIO
import Testing
@testable import FunnelState

/// A state written before the journal kept each run's cost (issue #15) opens, keeps its runs (with no
/// cost), and records costs from then on.
@Suite("journal run cost: migrating an older state")
struct ApplyCostMigrationTests {
    static let cost = ApplyCost(calls: 12, cpuSeconds: 0.05, seconds: 0.4)

    @Test func anOlderSQLiteStateGainsTheCostColumns() async throws {
        let temp = TemporaryStatePath()
        try FileManager.default.createDirectory(atPath: (temp.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: temp.path)
        try StateSchema.migrator.migrate(queue, upTo: "v1")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO journal_run (id, plan_digest, started_at, status) VALUES ('old', 'd', '2026-01-01T00:00:00Z', 'done')")
        }
        try queue.close()
        let store = try SQLiteStateStore.open(path: temp.path)
        try Self.expectMigrated(old: try store.journalRun(id: "old"), last: try store.lastApplyCost())
        try store.beginRun(id: "new", planDigest: "d", steps: [])
        try store.finishRun(id: "new", status: .done, cost: Self.cost)
        #expect(try store.lastApplyCost() == Self.cost)
    }

    @Test(.enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
    func anOlderPostgresSchemaGainsTheCostColumns() async throws {
        try await PostgresFixture.withDatabase { url in
            let first = try await PostgresStateStore.open(url: url, namespace: "n")
            try await first.beginRun(id: "old", planDigest: "d", steps: [])
            try await first.finishRun(id: "old", status: .done)
            await first.close()
            // Back to schema version 1, as a funnel from before issue #15 left it.
            try await PostgresFixture.admin(url) { connection in
                let logger = PostgresConnectionSettings.silent
                try await connection.query("""
                    ALTER TABLE funnel_journal_run DROP COLUMN cost_calls, DROP COLUMN cost_cpu_seconds, DROP COLUMN cost_seconds
                    """, logger: logger)
                // and without what version 3 added (issue 20's definitions).
                try await connection.query("DROP TABLE funnel_definition", logger: logger)
                try await connection.query(
                    "ALTER TABLE funnel_record DROP COLUMN contact_labels, DROP COLUMN contact_custom, DROP COLUMN card_due",
                    logger: logger)
                try await connection.query("UPDATE funnel_schema_version SET version = 1", logger: logger)
            }
            let store = try await PostgresStateStore.open(url: url, namespace: "n")
            try Self.expectMigrated(old: try await store.journalRun(id: "old"), last: try await store.lastApplyCost())
            try await store.beginRun(id: "new", planDigest: "d", steps: [])
            try await store.finishRun(id: "new", status: .done, cost: Self.cost)
            #expect(try await store.lastApplyCost() == Self.cost)
            await store.close()
        }
    }

    static func expectMigrated(old: JournalRun?, last: ApplyCost?) throws {
        let run = try #require(old)
        #expect(run.status == .done && run.cost == nil)
        #expect(last == nil)
    }
}
