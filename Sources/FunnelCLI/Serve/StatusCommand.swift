import ArgumentParser
import AsyncHTTPClient
import Foundation
import FunnelConfig
import FunnelServe
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import FunnelState

/// `funnel status --funnels DIR`: every funnel of a fleet with its last successful apply, pending
/// changes, last error and the worker holding it — read from the shared PostgreSQL work queue, or
/// from a running `serve --funnels` (`--server`) when the queue lives in that process.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every funnel of a fleet: last successful apply, pending changes, last error, worker.",
        discussion: """
            Reads the work queue the `funnel serve --funnels DIR` processes share (on the funnels' PostgreSQL \
            state database), or asks a running server's GET /status with --server. PENDING counts webhook \
            records waiting plus steps the last cycle left undone. See docs/fleet.md.
            """)

    @Option(help: "The folder of funnel configs (as given to serve --funnels).") var funnels: String
    @Option(help: "Ask a running `funnel serve --funnels` instead, e.g. http://127.0.0.1:8080.") var server: String?
    @Flag(help: "Print JSON (one object per funnel) instead of a table.") var json = false

    func run() async throws {
        let fleetConfigs = try FleetConfigs.load(funnels)
        try await Failures.report {
            let rows: [FunnelStatus]
            if let server {
                rows = try await Self.fetch(server)
            } else {
                let pools = PostgresPools()
                do {
                    let queue = try await FleetQueue.open(fleetConfigs, pools: pools, logger: LiveDependencies.logger(verbose: false))
                    guard queue.isShared else {
                        throw ValidationError("""
                            the funnels' state is not on PostgreSQL, so their work queue lives inside the running \
                            `funnel serve --funnels` process: ask it with --server http://HOST:PORT
                            """)
                    }
                    rows = try await queue.queue.status()
                    await pools.close()
                } catch {
                    await pools.close()
                    throw error
                }
            }
            let known = Dictionary(rows.map { ($0.namespace, $0) }, uniquingKeysWith: { first, _ in first })
            let listed = fleetConfigs.entries.map { entry in
                known[entry.configuration.stateNamespace]
                    ?? FunnelStatus(namespace: entry.configuration.stateNamespace, name: entry.name)
            }
            if json {
                for row in listed { Terminal.out(String(decoding: try FunnelStatus.encoder.encode(row), as: UTF8.self)) }
            } else {
                Terminal.out(StatusTable.render(listed))
            }
        }
    }

    static func fetch(_ server: String) async throws -> [FunnelStatus] {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/status"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status == .ok else {
            throw ValidationError("\(base)/status answered \(response.status.code); is it a `funnel serve --funnels` server?")
        }
        return try FunnelStatus.decoder.decode([FunnelStatus].self, from: Data(buffer: body))
    }
}
