import AsyncHTTPClient
import FunnelCore
import Foundation
import HTTPTransport
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Synchronization

extension WixClient {
    /// Sends `request` and decodes a 2xx body as `Response` (an empty body reads as `{}`).
    func send<Response: Decodable>(_ request: WixRequest, as _: Response.Type = Response.self) async throws -> Response {
        let (body, attempts) = try await perform(request)
        let data = body.isEmpty ? Data("{}".utf8) : body
        do {
            return try WixJSON.decoder.decode(Response.self, from: data)
        } catch {
            throw WixError(
                status: 200, category: .undecodableResponse,
                message: "unexpected response body: \(Self.summary(of: error))",
                method: request.method, path: request.path, target: request.target, attempts: attempts)
        }
    }

    /// Sends `request` and ignores the body of a 2xx response.
    func send(_ request: WixRequest) async throws {
        _ = try await perform(request)
    }

    /// The attempt loop: limiter → auth → HTTP → success, or retry, or a `WixError`.
    ///
    /// A write whose attempt ended ambiguously (a 5xx, a timeout, a connection lost after sending)
    /// may have been applied; every error thrown after that has `outcomeUnknown` set, so callers
    /// and the operations themselves can check the object before calling it a failure.
    ///
    /// Fail fast where waiting cannot help: an unknown host or a TLS error gets one retry at most;
    /// a 401 gets one retry with a fresh OAuth token (none with an API key), a 403 none. Refused
    /// connections, timeouts, 429 and 5xx get the full policy. The retry observer hears of each
    /// retry before its wait.
    private func perform(_ request: WixRequest) async throws -> (body: Data, attempts: Int) {
        var attempt = 0
        var waited = Duration.zero
        var refreshedToken = false
        var mayHaveApplied = false
        let backoff = Backoff(base: configuration.baseBackoff, maximum: configuration.maxBackoff)
        while true {
            attempt += 1
            try Task.checkCancellation()
            if request.authorized { try await limiter.acquire() }
            let token = try await authorization(for: request)
            let outcome = await attemptOnce(request, token: token, attempt: attempt)

            var failure: WixError
            var retryAfter: Duration?
            let ambiguous: Bool
            switch outcome {
            case .success(let body):
                answered.withLock { $0 = true }
                return (body, attempt)
            case .response(let status, let body, let headerRetryAfter):
                failure = WixError(
                    status: status, body: body, method: request.method, path: request.path,
                    target: request.target, attempts: attempt)
                retryAfter = headerRetryAfter
                ambiguous = status >= 500
                if status == 401, let token, let tokens, !refreshedToken {
                    // An OAuth token can lapse early (clock skew, revocation): get a new one once.
                    refreshedToken = true
                    await tokens.invalidate(token)
                    count { $0.retries += 1 }
                    continue
                }
            case .noResponse(let error, let sent):
                failure = error
                failure.attempts = attempt
                ambiguous = sent
            }
            mayHaveApplied = mayHaveApplied || (ambiguous && request.isWrite)
            failure.outcomeUnknown = mayHaveApplied
            failure.firstContact = !answered.withLock { $0 }

            let maxAttempts = failure.waitingHelps ? configuration.maxAttempts : min(2, configuration.maxAttempts)
            guard mayRetry(request, after: failure), attempt < maxAttempts else { throw failure }
            if let retryAfter, retryAfter > configuration.maxRetryAfter { throw failure }
            if failure.status == 429 {
                await limiter.hold(for: retryAfter ?? backoff.delay(retry: attempt, retryAfter: nil, unit: 1))
            }
            let delay = backoff.delay(retry: attempt, retryAfter: retryAfter, unit: Double.random(in: 0...1))
            guard waited + delay <= configuration.retryBudget else { throw failure }
            waited += delay
            count { $0.retries += 1 }
            if let retryObserver {
                let reason: RetryNotice.Reason = failure.network.map { .unreachable($0) } ?? .status(failure.status ?? 0)
                retryObserver(RetryNotice(host: RetryNotice.host(of: configuration.endpoint), reason: reason,
                                          attempt: attempt + 1, maxAttempts: maxAttempts, delay: delay))
            }
            logger.debug("wix retry", metadata: [
                "method": "\(request.method)", "path": "\(request.path)", "attempt": "\(attempt)",
                "reason": "\(failure.status.map(String.init) ?? failure.category.rawValue)",
                "delay_ms": "\(delay.milliseconds)",
            ])
            try await clock.sleepUntil(clock.elapsed() + delay)
        }
    }

    private func mayRetry(_ request: WixRequest, after failure: WixError) -> Bool {
        guard failure.isRetryable else { return false }
        switch request.repeatability {
        case .idempotent: return true
        // A 429 or a connection that never opened: Wix did nothing. Anything else on a create
        // may have created the object, so the caller decides.
        case .create: return !failure.outcomeUnknown
        }
    }

    /// The token to send, or nil for the token request itself and for API keys (sent as-is).
    private func authorization(for request: WixRequest) async throws -> Secret? {
        guard request.authorized, let tokens else { return nil }
        return try await tokens.token()
    }

    enum AttemptOutcome: Sendable {
        case success(Data)
        case response(status: Int, body: Data, retryAfter: Duration?)
        /// No HTTP response; `sent` is false only when the connection was never made.
        case noResponse(WixError, sent: Bool)
    }

    /// One HTTP exchange, logged at debug level without any header.
    private func attemptOnce(_ request: WixRequest, token: Secret?, attempt: Int) async -> AttemptOutcome {
        var http = HTTPClientRequest(url: request.url(endpoint: configuration.endpoint))
        http.method = HTTPMethod(rawValue: request.method)
        if request.authorized {
            switch configuration.auth {
            case .apiKey(let key, _): http.headers.add(name: "Authorization", value: key.revealed)
            case .oauth: if let token { http.headers.add(name: "Authorization", value: token.revealed) }
            }
            if let siteId = configuration.auth.siteId { http.headers.add(name: "wix-site-id", value: siteId) }
        }
        http.headers.add(name: "Accept", value: "application/json")
        if let writer { http.headers.add(name: "x-funnel-writer", value: writer) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(data: body))
        }

        let started = clock.elapsed()
        count { if request.authorized { $0.requests += 1 } else { $0.tokenRequests += 1 } }
        do {
            let response = try await httpClient.execute(http, timeout: configuration.timeout.timeAmount)
            let buffer = try await response.body.collect(upTo: 64 << 20)
            let status = Int(response.status.code)
            record(request, status: "\(status)", attempt: attempt, started: started)
            if (200..<300).contains(status) { return .success(Data(buffer: buffer)) }
            if status == 429 { count { $0.rateLimited += 1 } }
            if status >= 500 { count { $0.serverErrors += 1 } }
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Backoff.parseRetryAfter($0) }
            return .response(status: status, body: Data(buffer: buffer), retryAfter: retryAfter)
        } catch {
            count { $0.transportErrors += 1 }
            let network = TransportFailure(classifying: error)
            let category: WixError.Category = network.kind == .timeout ? .timeout : .transport
            record(request, status: category.rawValue, attempt: attempt, started: started)
            var failure = WixError(
                status: nil, category: category, message: network.description, method: request.method,
                path: request.path, target: request.target, attempts: attempt)
            failure.network = network
            return .noResponse(failure, sent: network.sent)
        }
    }

    /// Adds the attempt's response time to the statistics and logs the attempt.
    private func record(_ request: WixRequest, status: String, attempt: Int, started: Duration) {
        let duration = clock.elapsed() - started
        if request.authorized {
            let parts = duration.components
            let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
            count { $0.responseSeconds += seconds; $0.responseTimes.add(seconds: seconds) }
        }
        logger.debug("wix request", metadata: [
            "method": "\(request.method)", "path": "\(request.path)", "status": "\(status)",
            "attempt": "\(attempt)", "duration_ms": "\(duration.milliseconds)",
        ])
    }

    static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(Self.codingPath(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(Self.codingPath(context.codingPath))"
        @unknown default:
            return "undecodable"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        let text = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return text.isEmpty ? "top level" : text
    }
}

extension Duration {
    var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }

    var timeAmount: TimeAmount {
        let parts = components
        return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
