import AsyncHTTPClient
import FunnelConfig
import FunnelCore
import Logging

extension SourceFactory {
    /// Makes the source, reads its pipeline, compiles the mappings against it and maps every
    /// record (or only the first `limit`, for a preview).
    /// Throws `DiagnosticsError` for template errors and `SourceError` for a source that cannot be read.
    public static func readAndMap(_ configuration: FunnelConfiguration, limit: Int? = nil, httpClient: HTTPClient = .shared,
                                  retry: RetryPolicy = .standard, logger: Logger) async throws -> MappedSource {
        let source = make(configuration.source, usedFields: configuration.usedFields, httpClient: httpClient,
                          retry: retry, logger: logger)
        return try await readAndMap(configuration, from: source, limit: limit)
    }

    /// Reads `source`'s pipeline, compiles the mappings against it and maps every record, the first
    /// `limit`, or only the records with `keys` (a webhook's incremental read). The one read path
    /// of `plan`, an incremental cycle and `source preview`.
    public static func readAndMap(_ configuration: FunnelConfiguration, from source: any RecordSource, limit: Int? = nil,
                                  keys: [String]? = nil) async throws -> MappedSource {
        let pipeline = try await source.pipeline()
        let mapper = try RecordMapper(configuration: configuration, pipeline: pipeline)
        let mapped: MappedRecords
        if let keys {
            let records = try await source.records(keys: keys)
            mapped = try await mapper.mapAll(AsyncThrowingStream { continuation in
                for record in records { continuation.yield(record) }
                continuation.finish()
            })
        } else if let limit {
            mapped = try await mapper.mapAll(source.records().prefix(max(0, limit)))
        } else {
            mapped = try await mapper.mapAll(source.records())
        }
        return MappedSource(pipeline: pipeline, mapped: mapped)
    }
}
