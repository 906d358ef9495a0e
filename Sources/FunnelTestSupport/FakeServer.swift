import Foundation
public import FunnelCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A request as the CRM fakes see it: method, path, query, headers, body.
public struct FakeRequest: Sendable {
    public var method: String
    public var path: String
    /// Query parameters, percent-decoded.
    public var query: [String: String]
    /// Header values by lowercased name.
    public var headers: [String: String]
    public var body: [UInt8]

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as JSON, or nil.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body)) }
}

/// A response from a CRM fake.
public struct FakeResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// A JSON response.
    public static func json(_ value: JSONValue, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return FakeResponse(status: status, headers: headers, body: Array((try? JSONEncoderFactory.sorted.encode(value)) ?? Data()))
    }
}

/// Runs a request handler as a real HTTP server on `127.0.0.1:0` (Hummingbird) for the duration of `body`.
public enum FakeServer {
    /// Starts the server, calls `body` with its base URL (`http://127.0.0.1:PORT`), then shuts it down gracefully.
    public static func run<T>(_ handler: @escaping @Sendable (FakeRequest) async -> FakeResponse,
                              _ body: (String) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let bytes = try await request.collectBody(upTo: 16 << 20)
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let fake = FakeRequest(method: request.method.rawValue, path: request.uri.path, query: query,
                                   headers: headers, body: Array(buffer: bytes))
            let response = await handler(fake)
            var fields = HTTPFields()
            for (name, value) in response.headers { if let field = HTTPField.Name(name) { fields[field] = value } }
            return Response(status: HTTPResponse.Status(code: response.status), headers: fields,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        var logger = Logger(label: "funnel.fake")
        logger.logLevel = .critical
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await group.run() }
        var port = 0
        for await value in ports { port = value; break }
        let result: Result<T, any Error>
        do { result = .success(try await body("http://127.0.0.1:\(port)")) } catch { result = .failure(error) }
        await group.triggerGracefulShutdown()
        _ = await server.result
        return try result.get()
    }
}
