import AsyncHTTPClient
import Foundation
import FunnelCore
import HTTPTransport
import Logging
import NIOCore
import NIOHTTP1

/// Sends one JSON API request with retries; shared by the http, hubspot and pipedrive sources.
/// Errors name the method, the URL without its query, and a page label; header values never
/// appear in them (any secret echoed by a server is redacted too).
struct HTTPFetcher: Sendable {
    struct Response: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// What to do with a 429: wait (nil = backoff) and retry, or fail with a message.
    enum RateLimitDecision: Sendable { case retry(after: Duration?), fail(String) }

    let client: HTTPClient
    let headers: [(name: String, value: Secret)]
    let timeout: Duration
    let retry: RetryPolicy
    let logger: Logger
    /// Told about each retry before its wait (the CLI prints a warning line).
    var retryObserver: RetryObserver?
    var rateLimit: @Sendable (Response) -> RateLimitDecision = { .retry(after: HTTPFetcher.retryAfter($0.headers)) }
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// Sends the request; returns a 2xx (or 207) response, or throws a `SourceError` at `position`
    /// (`GET https://api.example.com/leads page 3`). `accept` lets a caller take other statuses (404).
    func send(_ method: HTTPMethod, _ url: String, json body: JSONValue? = nil, page: String,
              accept: Set<UInt> = []) async throws -> Response {
        let position = "\(method.rawValue) \(Self.displayURL(url))\(page.isEmpty ? "" : " \(page)")"
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "funnel")
            for header in headers { request.headers.add(name: header.name, value: header.value.revealed) }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                let data = (try? JSONEncoderFactory.sorted.encode(body)) ?? Data()
                request.body = .bytes(ByteBuffer(bytes: data))
            }
            let response: Response
            do {
                let raw = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
                                                                                 + timeout.components.attoseconds / 1_000_000_000))
                let bytes = try await raw.body.collect(upTo: 256 << 20)
                response = Response(status: raw.status, headers: raw.headers, body: Array(buffer: bytes))
            } catch let error as SourceError {
                throw error
            } catch {
                var failure = TransportFailure(classifying: error)
                failure.detail = redact(failure.detail)
                // An unknown host or a TLS error will not heal while we wait: one retry at most.
                let maxRetries = failure.waitingHelps ? retry.maxRetries : min(1, retry.maxRetries)
                guard attempt < maxRetries, !Task.isCancelled else {
                    throw SourceError("request failed: \(failure)\(attempt > 0 ? " (after \(attempt + 1) attempts)" : "")", at: position)
                }
                logger.debug("retrying after a network error", metadata: ["position": "\(position)", "error": "\(failure)"])
                try await wait(retry.delay(attempt: attempt, serverSaid: nil), before: attempt + 1, of: maxRetries,
                               url: url, reason: .unreachable(failure))
                attempt += 1
                continue
            }
            let code = response.status.code
            if (200..<300).contains(code) || accept.contains(code) { return response }
            let retryAfter: Duration?
            if code == 429 {
                switch rateLimit(response) {
                case .fail(let message): throw SourceError("HTTP 429: \(redact(message))", at: position)
                case .retry(let wait): retryAfter = wait
                }
            } else if code >= 500 {
                retryAfter = Self.retryAfter(response.headers)
            } else {
                throw SourceError("HTTP \(code) \(response.status.reasonPhrase): \(redact(Self.errorSummary(response.body)))", at: position)
            }
            guard attempt < retry.maxRetries else {
                throw SourceError("HTTP \(code) \(response.status.reasonPhrase) after \(attempt + 1) attempts: \(redact(Self.errorSummary(response.body)))", at: position)
            }
            logger.debug("retrying", metadata: ["position": "\(position)", "status": "\(code)"])
            try await wait(retry.delay(attempt: attempt, serverSaid: retryAfter), before: attempt + 1, of: retry.maxRetries,
                           url: url, reason: .status(Int(code)))
            attempt += 1
        }
    }

    /// Tells the observer, then sleeps before retry `retry` (1-based) of `retries`.
    private func wait(_ delay: Duration, before retry: Int, of retries: Int, url: String,
                      reason: RetryNotice.Reason) async throws {
        retryObserver?(RetryNotice(host: RetryNotice.host(of: url), reason: reason, attempt: retry + 1, maxAttempts: retries + 1, delay: delay))
        try await sleep(delay)
    }

    /// Sends and parses the JSON body.
    func json(_ method: HTTPMethod, _ url: String, body: JSONValue? = nil, page: String) async throws -> (JSONValue, Response) {
        let response = try await send(method, url, json: body, page: page)
        return (try Self.parse(response, method: method, url: url, page: page), response)
    }

    static func parse(_ response: Response, method: HTTPMethod, url: String, page: String) throws(SourceError) -> JSONValue {
        do { return try JSONValueParser.parse(response.body) } catch {
            let position = "\(method.rawValue) \(displayURL(url))\(page.isEmpty ? "" : " \(page)")"
            throw SourceError("the response is not valid JSON (at byte \(error.offset + 1): \(error.message))", at: position)
        }
    }

    /// `Retry-After` in seconds (the HTTP-date form is treated as absent).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap(Double.init).map { .milliseconds(Int64(max(0, $0) * 1000)) }
    }

    /// The scheme, host and path: queries may carry tokens, so they are never shown.
    static func displayURL(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else {
            return url.split(separator: "?").first.map(String.init) ?? url
        }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(components.scheme ?? "https")://\(host)\(port)\(components.path)"
    }

    /// A one-line summary of an error body: HubSpot's `message`, Pipedrive's `error`, else its start.
    static func errorSummary(_ body: [UInt8]) -> String {
        if let value = try? JSONValueParser.parse(body) {
            for key in ["message", "error", "error_info", "detail", "title"] {
                if case .string(let text)? = value[path: key], !text.isEmpty { return text }
            }
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        if text.lowercased().contains("<html") { return "(an HTML page instead of JSON)" }
        return text.isEmpty ? "(empty body)" : text.replacingOccurrences(of: "\n", with: " ")
    }

    private func redact(_ text: String) -> String {
        headers.reduce(text) { text, header in
            header.value.revealed.count >= 4 ? text.replacingOccurrences(of: header.value.revealed, with: "<redacted>") : text
        }
    }
}
