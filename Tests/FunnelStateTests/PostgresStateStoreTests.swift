import Foundation
import FunnelCore
import FunnelTestSupport
import PostgresNIO
import Testing
@testable import FunnelState

/// What only the PostgreSQL backend does: namespaces, schema versions, the advisory lock.
@Suite("PostgresStateStore", .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
struct PostgresStateStoreTests {
    @Test func namespacesAreApartAndAMissingOneIsNotCreatedOnRequest() async throws {
        try await PostgresFixture.withDatabase { url in
            await #expect(throws: StateStoreError.missing(path: "\(url) (namespace a)")) {
                try await PostgresStateStore.open(url: url, namespace: "a", createIfMissing: false)
            }
            let a = try await PostgresStateStore.open(url: url, namespace: "a")
            let b = try await PostgresStateStore.open(url: url, namespace: "b")
            try await a.save([.upsertRecord(RecordState(key: "L-1", cardId: "k-1"))])
            let lock = try await a.acquireLock(operation: "apply", timeout: .zero)
            #expect(try await b.snapshot().records.isEmpty)
            #expect(try await a.snapshot().lineage != b.snapshot().lineage)
            #expect(try await b.currentLock() == nil)
            let other = try await b.acquireLock(operation: "apply", timeout: .zero) // another funnel: not blocked
            try await b.releaseLock(other.id)
            await #expect(throws: StateStoreError.missing(path: "\(url) (namespace c)")) {
                try await PostgresStateStore.open(url: url, namespace: "c", createIfMissing: false)
            }
            try await b.deleteNamespace()
            #expect(try await a.snapshot().records.count == 1)
            try await a.releaseLock(lock.id)
            await a.close(); await b.close()
        }
    }

    @Test func aDatabaseMigratedByANewerFunnelIsRefused() async throws {
        try await PostgresFixture.withDatabase { url in
            await (try await PostgresStateStore.open(url: url, namespace: "n")).close()
            try await PostgresFixture.admin(url) { connection in
                try await connection.query("UPDATE funnel_schema_version SET version = 99", logger: PostgresConnectionSettings.silent)
            }
            await #expect(throws: StateStoreError.newerVersion(path: "\(url) (namespace n)")) {
                try await PostgresStateStore.open(url: url, namespace: "n")
            }
        }
    }

    @Test func aKilledHolderFreesTheLockAtOnce() async throws {
        try await PostgresFixture.withDatabase { url in
            let store = try await PostgresStateStore.open(url: url, namespace: "site/funnel")
            // Another process takes the advisory lock and registers as holder, then idles (like a
            // writer between two statements) until it is killed -9.
            let psql = Process()
            psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            psql.arguments = ["-h", url.host, "-p", "\(url.port)", "-U", url.user, "-d", url.database, "-v", "ON_ERROR_STOP=1"]
            let input = Pipe()
            psql.standardInput = input
            psql.standardOutput = FileHandle.nullDevice
            psql.standardError = FileHandle.nullDevice
            try psql.run()
            input.fileHandleForWriting.write(Data("""
                SELECT pg_advisory_lock(\(store.lockKey));
                INSERT INTO funnel_lock_holders VALUES ('site/funnel', 'ghost', 'apply', 'ci', 'elsewhere', 4711, 'then', pg_backend_pid());

                """.utf8))
            var held: LockInfo?
            for _ in 0..<200 where held == nil {
                held = try await store.currentLock()
                if held == nil { try await Task.sleep(for: .milliseconds(25)) }
            }
            #expect(held?.id == "ghost" && held?.host == "elsewhere")
            await #expect(throws: StateLockError.self) { try await store.acquireLock(operation: "apply", timeout: .zero) }
            kill(psql.processIdentifier, SIGKILL)
            await psql.exit()
            // The server notices the closed connection within moments; no force-unlock needed.
            let lock = try await store.acquireLock(operation: "apply", timeout: .seconds(5), pollInterval: .milliseconds(20))
            #expect(lock.tookOverStale?.id == "ghost")
            #expect(try await store.currentLock()?.id == lock.id)
            #expect(try await store.releaseLock(lock.id))
            await store.close()
        }
    }

    @Test func forceUnlockEndsTheHoldersSession() async throws {
        try await PostgresFixture.withDatabase { url in
            let holder = try await PostgresStateStore.open(url: url, namespace: "n")
            let other = try await PostgresStateStore.open(url: url, namespace: "n")
            let lock = try await holder.acquireLock(operation: "apply", timeout: .zero)
            await #expect(throws: StateLockError.noSuchLock(id: "nope", current: lock)) { try await other.forceUnlock("nope") }
            try await other.forceUnlock(lock.id)
            let taken = try await other.acquireLock(operation: "apply", timeout: .seconds(5), pollInterval: .milliseconds(20))
            #expect(taken.tookOverStale == nil)
            #expect(try await holder.releaseLock(lock.id) == false) // its session was ended
            #expect(try await holder.currentLock() == taken)
            await holder.close(); await other.close()
        }
    }

    @Test func closingTheStoreReleasesItsLock() async throws {
        try await PostgresFixture.withDatabase { url in
            let holder = try await PostgresStateStore.open(url: url, namespace: "n")
            _ = try await holder.acquireLock(operation: "apply", timeout: .zero)
            await holder.close()
            let other = try await PostgresStateStore.open(url: url, namespace: "n")
            let lock = try await other.acquireLock(operation: "apply", timeout: .seconds(5), pollInterval: .milliseconds(20))
            #expect(try await other.releaseLock(lock.id))
            await other.close()
        }
    }

    @Test func errorsNeverShowThePassword() async throws {
        let server = try await PostgresFixture.serverURL()
        var url = server
        url.password = Secret("hunter2-secret")
        url.database = "no_such_database_here"
        await #expect {
            try await PostgresStateStore.open(url: url, namespace: "n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("postgres://postgres:***@127.0.0.1") && text.contains("no_such_database_here")
                && !text.contains("hunter2")
        }
        url.port = 1
        await #expect {
            try await StateStores.open(location: .postgres(url), namespace: "n")
        } throws: { error in "\(error)".contains("cannot read the state at postgres://postgres:***@") && !"\(error)".contains("hunter2") }
    }

    @Test func tlsIsUsedWhenTheURLRequiresIt() async throws {
        // The test server has no TLS: `sslmode=require` must fail rather than fall back to plain text.
        var url = try await PostgresFixture.serverURL()
        url.tls = .require
        await #expect {
            try await PostgresStateStore.open(url: url, namespace: "n")
        } throws: { error in "\(error)".contains("sslmode=require") }
    }
}
