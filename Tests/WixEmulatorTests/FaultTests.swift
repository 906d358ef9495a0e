import AsyncHTTPClient
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct FaultTests {
    /// Statuses of `count` sequential List Workflows calls (`-1` for a dropped connection).
    private func statuses(_ options: EmulatorOptions, count: Int = 40) async throws -> [Int] {
        try await withEmulator(options) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            var result: [Int] = []
            for _ in 0..<count {
                do { result.append(try await wix.get("/workflows/v1/workflows").status) } catch { result.append(-1) }
            }
            return result
        }
    }

    @Test func faultsAreDeterministicForASeed() async throws {
        let options = EmulatorOptions(faultRate: 0.3, dropRate: 0.1, seed: 42)
        let first = try await statuses(options)
        let second = try await statuses(options)
        #expect(first == second)
        #expect(first.contains(503))
        #expect(first.contains(-1))
        #expect(first.contains(200))
        var other = options
        other.seed = 7
        #expect(try await statuses(other) != first)
    }

    @Test func serverErrorsUseTheEmptyEnvelopeAndAreCounted() async throws {
        try await withEmulator(EmulatorOptions(faultRate: 1)) { sandbox async throws in
            let reply = try await SandboxHTTP(sandbox).get("/workflows/v1/workflows")
            #expect(reply.status == 503)
            #expect(reply.json == .object(["message": .string(""), "details": .object([:])]))
            #expect(try await sandbox.stats().faults.serverErrors == 1)
        }
    }

    @Test func droppedConnectionsGetNoResponse() async throws {
        try await withEmulator(EmulatorOptions(dropRate: 1)) { sandbox async throws in
            await #expect(throws: (any Error).self) { try await SandboxHTTP(sandbox).get("/workflows/v1/workflows") }
            #expect(try await sandbox.stats().faults.droppedConnections == 1)
        }
    }

    @Test func commitThenFailWritesButAnswers504() async throws {
        try await withEmulator(EmulatorOptions(commitThenFailRate: 1)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let reply = try await wix.post("/workflows/v1/workflows", #"{"workflow": {"name": "Once"}}"#)
            #expect(reply.status == 504)
            let list = try await wix.get("/workflows/v1/workflows")  // reads are not affected
            #expect(list.status == 200)
            #expect(list.int("pagination.total") == 1)
            #expect(try await sandbox.stats().faults.commitThenFail == 1)
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterPerSite() async throws {
        try await withEmulator(EmulatorOptions(rateLimitPerMinute: 3)) { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            for _ in 0..<3 { #expect(try await wix.get("/workflows/v1/workflows").status == 200) }
            let limited = try await wix.get("/workflows/v1/workflows")
            #expect(limited.status == 429)
            #expect(limited.errorCode == "RESOURCE_EXHAUSTED")
            let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            let other = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "other"])
            #expect(try await other.get("/workflows/v1/workflows").status == 200)
            #expect(try await sandbox.stats().rateLimited == 1)
            try await sandbox.reset()  // reset clears the site's window
            #expect(try await wix.get("/workflows/v1/workflows").status == 200)
        }
    }

    @Test func latencyDelaysResponses() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(150))) { sandbox async throws in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure { _ = try await SandboxHTTP(sandbox).get("/workflows/v1/workflows") }
            #expect(elapsed >= .milliseconds(150))
        }
    }
}
