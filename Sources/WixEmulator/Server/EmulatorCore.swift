import Foundation
import FunnelCore
import Hummingbird

/// The sandbox behind the HTTP server: state, counters, faults, rate limit and tokens, and the
/// request pipeline every API route runs through (auth → rate limit → faults → handler).
final class EmulatorCore: Sendable {
    typealias Handler = @Sendable (APIRequest) async throws(WixError) -> ByteBuffer

    let options: EmulatorOptions
    let store: EmulatorStore
    let stats = StatsRecorder()
    let faults: FaultInjector
    let limiter: RateLimiter?
    let tokens: TokenIssuer
    let writers = WriterTracker()

    init(options: EmulatorOptions) throws {
        self.options = options
        self.store = try EmulatorStore(options: options)
        self.faults = FaultInjector(options: options)
        self.limiter = options.rateLimitPerMinute.map { RateLimiter(limit: $0) }
        self.tokens = TokenIssuer(lifetime: options.tokenLifetime)
    }

    /// Runs one API request through the pipeline and records it in the stats.
    func respond(_ operation: EmulatorOperation, route: String, request: Request, context: SandboxContext)
        async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            return await finish(operation, route, .invalid("body", "is too large", rule: "MAX"))
        }
        if operation == .createAccessToken {
            return await finish(operation, route, await issueToken(body))
        }
        let caller: (site: String, appId: String?)
        switch await authenticate(request) {
        case .success(let value): caller = value
        case .failure(let error): return await finish(operation, route, error)
        }
        guard operation.isWrite else {
            return try await admitted(operation, route: route, caller: caller, request: request, body: body, context: context)
        }
        let writer = request.headers[Self.writerHeader].flatMap { $0.isEmpty ? nil : $0 } ?? "anonymous"
        await writers.begin(site: caller.site, writer: writer)
        do {
            let response = try await admitted(operation, route: route, caller: caller, request: request, body: body, context: context)
            await writers.end(site: caller.site, writer: writer)
            return response
        } catch {
            await writers.end(site: caller.site, writer: writer)
            throw error
        }
    }

    /// Everything after authentication: rate limit, faults, the handler.
    private func admitted(_ operation: EmulatorOperation, route: String, caller: (site: String, appId: String?),
                          request: Request, body: ByteBuffer, context: SandboxContext) async throws -> Response {
        if let limiter, let retryAfter = await limiter.admit(site: caller.site) {
            await stats.record(site: caller.site, rateLimited: true)
            await stats.record(route: route, operation: operation.rawValue, outcome: .rateLimited)
            var error = WixError.application(429, "RESOURCE_EXHAUSTED", "too many requests; retry after \(retryAfter) s")
            error.headers = [("Retry-After", String(retryAfter))]
            return Self.response(error)
        }
        await stats.record(site: caller.site, rateLimited: false)
        var commitThenFail = false
        if options.injectsFaults {
            let decision = await faults.next()
            if decision.delay > .zero { try? await Task.sleep(for: decision.delay) }
            if decision.drop {
                await stats.record(route: route, operation: operation.rawValue, outcome: .dropped)
                context.channel.close(promise: nil)
                throw DroppedConnection()
            }
            if decision.serverError {
                await stats.record(route: route, operation: operation.rawValue, outcome: .serverError)
                return Self.response(.serverError)
            }
            if decision.throttle {
                await stats.record(route: route, operation: operation.rawValue, outcome: .rateLimited)
                var error = WixError.application(429, "RESOURCE_EXHAUSTED", "too many requests; retry after 1 s")
                error.headers = [("Retry-After", "1")]
                return Self.response(error)
            }
            commitThenFail = decision.commitThenFail && operation.isWrite
        }
        let apiRequest = APIRequest(
            site: caller.site, appId: caller.appId,
            parameters: Dictionary(context.parameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 }),
            query: Dictionary(grouping: request.uri.queryParameters, by: { String($0.key) }).mapValues { $0.map { String($0.value) } },
            body: body)
        let result: Result<ByteBuffer, WixError>
        do {
            result = .success(try await handler(for: operation)(apiRequest))
        } catch {
            result = .failure(error)
        }
        if commitThenFail, case .success = result {
            let error = WixError(status: 504, message: "", details: .empty)
            await stats.record(route: route, operation: operation.rawValue, outcome: .commitThenFail(error.status))
            return Self.response(error)
        }
        return await finish(operation, route, result)
    }

    /// `omit-empty-collections`: the body as proto3 JSON prints it by default: every field holding its
    /// default (an empty list or object, `0`, `false`, `""`) left out, so a new workflow's
    /// `phasesList: {total: 0, phases: []}` disappears whole (the top-level object stays, `{}` at least).
    static func omittingEmpty(_ body: ByteBuffer) -> ByteBuffer {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else { return body }
        func strip(_ value: JSONValue) -> JSONValue? {
            switch value {
            case .array(let items):
                // Inside a list only nested objects and lists are shaped; the items themselves stay.
                let kept = items.map { item -> JSONValue in
                    switch item {
                    case .object: strip(item) ?? .object([:])
                    case .array: strip(item) ?? .array([])
                    default: item
                    }
                }
                return kept.isEmpty ? nil : .array(kept)
            case .object(let fields):
                let kept = fields.compactMapValues(strip)
                return kept.isEmpty ? nil : .object(kept)
            case .number(0), .bool(false), .string(""), .null:
                return nil
            default:
                return value
            }
        }
        return jsonBody(strip(value) ?? .object([:]))
    }

    /// The counters, with the per-site writer picture and the variants played.
    func snapshot() async -> EmulatorStats {
        var snapshot = await stats.stats
        snapshot.variants = options.variants.sorted().map(\.rawValue)
        snapshot.writers = await writers.sites
        return snapshot
    }

    func resetStats() async {
        await stats.reset()
        await writers.reset()
    }

    private func finish(_ operation: EmulatorOperation, _ route: String, _ error: WixError) async -> Response {
        await finish(operation, route, .failure(error))
    }

    private func finish(_ operation: EmulatorOperation, _ route: String, _ result: Result<ByteBuffer, WixError>) async -> Response {
        let response: Response
        switch result {
        case .success(let body):
            let shaped = options.variants.contains(.omitEmptyCollections) ? Self.omittingEmpty(body) : body
            response = Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: shaped))
        case .failure(let error):
            response = Self.response(error)
        }
        await stats.record(route: route, operation: operation.rawValue, outcome: .status(response.status.code))
        return response
    }

    static func response(_ error: WixError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in error.headers {
            if let field = HeaderName(name) { headers[field] = value }
        }
        return Response(status: .init(code: error.status), headers: headers,
                        body: .init(byteBuffer: jsonBody(error.body)))
    }

    private func handler(for operation: EmulatorOperation) -> Handler {
        if let handler = workflowHandler(operation) { return handler }
        if let handler = cardHandler(operation) { return handler }
        if let handler = contactHandler(operation) { return handler }
        if let handler = definitionHandler(operation) { return handler }
        return { _ throws(WixError) in throw .application(404, "NOT_FOUND", "no such operation") }
    }
}

/// Thrown after a "dropped connection" fault closed the channel: no response is written.
struct DroppedConnection: Error {}
