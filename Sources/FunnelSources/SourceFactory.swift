public import AsyncHTTPClient
public import FunnelConfig
import FunnelCore
public import HTTPTransport
public import Logging
import NIOHTTP1

/// Makes the `RecordSource` for a `source:` spec.
public enum SourceFactory {
    /// - Parameters:
    ///   - usedFields: the record fields the config reads (`RecordMapper.usedFields`): a CSV header
    ///     must have them, and HubSpot is asked for those properties.
    ///   - retry: the retry policy of the API sources.
    ///   - retryObserver: told about each retry of an API source's request before its wait.
    public static func make(_ spec: SourceSpec, usedFields: Set<String> = [], httpClient: HTTPClient = .shared,
                            retry: RetryPolicy = .standard, logger: Logger,
                            retryObserver: RetryObserver? = nil) -> any RecordSource {
        switch spec.kind {
        case .csv(let csv):
            var required = [spec.key] + csv.requiredColumns
            for field in usedFields.sorted() where !required.contains(field) { required.append(field) }
            return CSVRecordSource(spec: csv, keyPath: spec.key, stages: spec.stages, requiredColumns: required)
        case .json(let json):
            return JSONFileRecordSource(spec: json, keyPath: spec.key, stages: spec.stages)
        case .ndjson(let ndjson):
            return NDJSONRecordSource(spec: ndjson, keyPath: spec.key, stages: spec.stages)
        case .http(let http):
            let fetcher = HTTPFetcher(client: httpClient, headers: http.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                      timeout: .milliseconds(Int64(http.timeoutSeconds * 1000)), retry: retry, logger: logger,
                                      retryObserver: retryObserver)
            return HTTPRecordSource(spec: http, keyPath: spec.key, stages: spec.stages, fetcher: fetcher)
        case .hubspot(let hubspot):
            var fetcher = HTTPFetcher(client: httpClient, headers: [("Authorization", Secret("Bearer \(hubspot.token.revealed)"))],
                                      timeout: .seconds(30), retry: retry, logger: logger,
                                      retryObserver: retryObserver)
            fetcher.rateLimit = hubSpotRateLimit
            return HubSpotRecordSource(spec: hubspot, keyPath: spec.key, pipelineSelector: spec.pipeline, fetcher: fetcher, usedFields: usedFields)
        case .pipedrive(let pipedrive):
            var fetcher = HTTPFetcher(client: httpClient, headers: [("x-api-token", pipedrive.token)],
                                      timeout: .seconds(30), retry: retry, logger: logger,
                                      retryObserver: retryObserver)
            fetcher.rateLimit = pipedriveRateLimit
            return PipedriveRecordSource(spec: pipedrive, keyPath: spec.key, pipelineSelector: spec.pipeline, fetcher: fetcher)
        }
    }

    /// HubSpot: a `DAILY` policy fails at once (it will not clear before midnight); the ten-secondly
    /// one waits `Retry-After`, else `X-HubSpot-RateLimit-Interval-Milliseconds`, else backs off.
    @Sendable static func hubSpotRateLimit(_ response: HTTPFetcher.Response) -> HTTPFetcher.RateLimitDecision {
        let body = try? JSONValueParser.parse(response.body)
        let policy = body?[path: "policyName"]?.scalarText ?? ""
        if policy.uppercased().contains("DAILY") {
            return .fail("HubSpot's daily API limit is used up (policyName \(policy)); it resets at midnight in the account's time zone")
        }
        if let wait = HTTPFetcher.retryAfter(response.headers) { return .retry(after: wait) }
        let interval = response.headers.first(name: "X-HubSpot-RateLimit-Interval-Milliseconds").flatMap(Int64.init)
        return .retry(after: interval.map { .milliseconds($0) })
    }

    /// Pipedrive: `Retry-After`, else `x-ratelimit-reset` (seconds), else backoff; retries are capped
    /// because an exhausted daily budget answers 429 until midnight.
    @Sendable static func pipedriveRateLimit(_ response: HTTPFetcher.Response) -> HTTPFetcher.RateLimitDecision {
        if let wait = HTTPFetcher.retryAfter(response.headers) { return .retry(after: wait) }
        let reset = response.headers.first(name: "x-ratelimit-reset").flatMap(Double.init)
        return .retry(after: reset.map { .milliseconds(Int64($0 * 1000)) })
    }
}
