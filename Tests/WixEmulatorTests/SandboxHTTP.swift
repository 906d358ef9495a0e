import AsyncHTTPClient
import Foundation
import FunnelCore
import FunnelTestSupport
import NIOCore
import NIOHTTP1

/// One HTTP exchange with the sandbox, as the tests see it.
struct Reply: Sendable {
    var status: Int
    var headers: [(String, String)]
    var json: JSONValue

    subscript(_ path: String) -> JSONValue? { json[path: path] }

    func string(_ path: String) -> String? {
        if case .string(let value)? = json[path: path] { return value }
        return nil
    }

    func int(_ path: String) -> Int? {
        if case .number(let value)? = json[path: path] { return Int(value) }
        return nil
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// `details.applicationError.code` of an error envelope.
    var errorCode: String? { string("details.applicationError.code") }
}

/// A real HTTP client (AsyncHTTPClient) pointed at a sandbox, sending the headers a Wix client sends.
struct SandboxHTTP: Sendable {
    let baseURL: String
    var headers: [String: String]

    init(_ sandbox: EmulatorHandle) {
        baseURL = sandbox.baseURL
        headers = ["Authorization": sandbox.apiKey.revealed, "wix-site-id": sandbox.siteId]
    }

    init(baseURL: String, headers: [String: String]) {
        self.baseURL = baseURL
        self.headers = headers
    }

    /// Sends a request; `body` is JSON text.
    func send(_ method: String, _ path: String, _ body: String? = nil, headers extra: [String: String] = [:],
              replacing: Bool = false) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in (replacing ? extra : headers.merging(extra) { $1 }) {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let data = Data(bytes.readableBytesView)
        let json = data.isEmpty ? JSONValue.null : try JSONDecoder().decode(JSONValue.self, from: data)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, json: json)
    }

    func get(_ path: String) async throws -> Reply { try await send("GET", path) }
    func post(_ path: String, _ body: String? = nil) async throws -> Reply { try await send("POST", path, body) }
    func patch(_ path: String, _ body: String) async throws -> Reply { try await send("PATCH", path, body) }
    func delete(_ path: String) async throws -> Reply { try await send("DELETE", path) }
}
