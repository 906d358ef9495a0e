import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif
import FunnelCore
import NIOCore
import WixEmulator

/// `funnel-bench emulator`: create-card throughput over loopback from concurrent AsyncHTTPClient
/// tasks, and the round trip of List Cards (a page of 100) on a workflow holding 5,000 cards.
struct EmulatorBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Sandbox throughput: concurrent Create Card requests/s and List Cards latency at 5,000 cards."
    )

    @Option(help: "Create Card requests in the throughput run.")
    var requests = 20_000

    @Option(help: "Concurrent client tasks (each with its own connection).")
    var concurrency = 16

    @Option(help: "Cards in the workflow the List Cards run pages through.")
    var cards = 5_000

    @Option(name: .customLong("list-runs"), help: "List Cards requests to time.")
    var listRuns = 500

    func run() async throws {
        var options = EmulatorOptions(limits: .init(activeCardsPerWorkflow: max(requests, cards) + 1))
        options.strictness.requireCardContact = true
        let server = try await EmulatorServer.start(options: options)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let api = BenchAPI(client: client, baseURL: server.baseURL)
        do {
            print("funnel-bench emulator: \(requests) creates, \(concurrency) concurrent tasks, list page of 100 of \(cards)")
            let contactCount = max(requests, cards)
            let contactRate = try await measureRate(contactCount) { index in
                try await api.id("POST", "/contacts/v4/contacts", #"{"info": {"emails": {"items": [{"email": "lead\#(index)@example.com"}]}}}"#, key: "contact")
            }
            let contactIds = contactRate.ids
            let (workflow, phases) = try await api.funnel("Bench")
            let cardRate = try await measureRate(requests) { index in
                try await api.id("POST", "/workflows/v1/workflows/\(workflow)/phases/\(phases[index % phases.count])/cards",
                                 #"{"card": {"name": "Lead \#(index)", "primaryAttachment": {"contactId": "\#(contactIds[index])"}, "source": "bench"}}"#)
            }
            // A second workflow holding exactly `cards` cards for the listing run.
            let (listed, listedPhases) = try await api.funnel("Listed")
            _ = try await measureRate(cards) { index in
                try await api.id("POST", "/workflows/v1/workflows/\(listed)/phases/\(listedPhases[index % listedPhases.count])/cards",
                                 #"{"card": {"name": "Lead \#(index)", "primaryAttachment": {"contactId": "\#(contactIds[index])"}}}"#)
            }
            var timings: [Duration] = []
            let clock = ContinuousClock()
            let listCPUStart = Self.cpuSeconds()
            for run in 0..<listRuns {
                let offset = (run * 397) % max(1, cards - 100)
                let elapsed = try await clock.measure {
                    let count = try await api.count("/workflows/v1/workflows/\(listed)/cards?limit=100&offset=\(offset)")
                    guard count == 100 else { throw ValidationError("expected 100 cards, got \(count)") }
                }
                timings.append(elapsed)
            }
            let listCPU = (Self.cpuSeconds() - listCPUStart) / Double(listRuns)
            timings.sort()
            func ms(_ duration: Duration) -> String { String(format: "%.2f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000) }
            print("| measure | result |")
            print("|---|---|")
            print("| Create Contact, \(concurrency) concurrent | \(Int(contactRate.perSecond)) req/s |")
            print("| Create Card, \(concurrency) concurrent | \(Int(cardRate.perSecond)) req/s (\(requests) cards in \(ms(cardRate.elapsed))) |")
            print("| Create Card, CPU per request (client + server, both cores) | \(String(format: "%.0f µs", cardRate.cpuPerRequest * 1e6)) → \(Int(2 / cardRate.cpuPerRequest)) req/s on 2 idle cores |")
            print("| List Cards limit=100 of \(cards), median | \(ms(timings[timings.count / 2])) |")
            print("| List Cards limit=100 of \(cards), p99 | \(ms(timings[timings.count * 99 / 100])) |")
            print("| List Cards limit=100 of \(cards), CPU per request (client + server) | \(String(format: "%.2f ms", listCPU * 1e3)) |")
            let stats = await server.stats()
            print("(server counted \(stats.totalRequests) requests; statuses \(stats.statuses.sorted { $0.key < $1.key }))")
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    /// Runs `count` requests from `concurrency` tasks; returns the ids in index order and the rate.
    private func measureRate(_ count: Int, _ request: @escaping @Sendable (Int) async throws -> String)
        async throws -> (ids: [String], perSecond: Double, elapsed: Duration, cpuPerRequest: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.cpuSeconds()
        let workers = concurrency
        let ids = try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var made: [(Int, String)] = []
                    for index in stride(from: worker, to: count, by: workers) { made.append((index, try await request(index))) }
                    return made
                }
            }
            var all = [String](repeating: "", count: count)
            for try await made in group { for (index, id) in made { all[index] = id } }
            return all
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (ids, Double(count) / seconds, elapsed, (Self.cpuSeconds() - cpuStart) / Double(count))
    }

    /// User + system CPU time of this process: unlike wall time, it does not grow when other
    /// processes compete for the cores, so "requests per CPU-second" is comparable across runs.
    static func cpuSeconds() -> Double { ApplyCost.processCPUSeconds() }
}

/// The few calls the benchmark makes, on a shared AsyncHTTPClient.
private struct BenchAPI: Sendable {
    let client: HTTPClient
    let baseURL: String

    private func send(_ method: String, _ path: String, _ body: String?) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: EmulatorDefaults.apiKey)
        request.headers.add(name: "wix-site-id", value: EmulatorDefaults.siteId)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        guard response.status.code == 200 else {
            throw ValidationError("\(method) \(path) answered \(response.status.code): \(String(buffer: bytes))")
        }
        return (try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// The `id` (or `key.id`) of a create response.
    func id(_ method: String, _ path: String, _ body: String, key: String? = nil) async throws -> String {
        let json = try await send(method, path, body)
        let object = key.map { json[$0] as? [String: Any] ?? [:] } ?? json
        guard let id = object["id"] as? String else { throw ValidationError("\(path): no id in response") }
        return id
    }

    /// A workflow with five active phases.
    func funnel(_ name: String) async throws -> (workflow: String, phases: [String]) {
        let workflow = try await id("POST", "/workflows/v1/workflows", #"{"workflow": {"name": "\#(name)"}}"#)
        var phases: [String] = []
        for phase in ["New", "Contacted", "Qualified", "Proposal", "Negotiating"] {
            phases.append(try await id("POST", "/workflows/v1/workflows/\(workflow)/phases", #"{"phase": {"name": "\#(phase)"}}"#))
        }
        return (workflow, phases)
    }

    /// The number of cards in a List Cards response.
    func count(_ path: String) async throws -> Int {
        ((try await send("GET", path, nil))["cards"] as? [Any])?.count ?? 0
    }
}
