import AsyncHTTPClient
import FunnelConfig
import FunnelCore
import Logging

/// A configuration's source read and mapped: what `plan` and `source preview` start from.
public struct MappedSource: Sendable {
    /// The pipeline the source reported (CRM API or `source.stages`), if any.
    public var pipeline: SourcePipeline?
    public var mapped: MappedRecords
}

extension SourceFactory {
    /// Makes the source, reads its pipeline, compiles the mappings against it and maps every
    /// record (or only the first `limit`, for a preview).
    /// Throws `DiagnosticsError` for template errors and `SourceError` for a source that cannot be read.
    public static func readAndMap(_ configuration: FunnelConfiguration, limit: Int? = nil, httpClient: HTTPClient = .shared,
                                  retry: RetryPolicy = .standard, logger: Logger) async throws -> MappedSource {
        let source = make(configuration.source, usedFields: RecordMapper.usedFields(of: configuration), httpClient: httpClient,
                          retry: retry, logger: logger)
        let pipeline = try await source.pipeline()
        let mapper = try RecordMapper(configuration: configuration, pipeline: pipeline)
        let mapped: MappedRecords
        if let limit {
            mapped = try await mapper.mapAll(source.records().prefix(max(0, limit)))
        } else {
            mapped = try await mapper.mapAll(source.records())
        }
        return MappedSource(pipeline: pipeline, mapped: mapped)
    }
}

extension RecordMapper {
    /// The record fields a configuration reads (the key, the stage field, every template's paths),
    /// without needing the pipeline: give it to `SourceFactory.make(_:usedFields:…)`.
    /// Templates that do not compile are skipped here; `init` reports them.
    public static func usedFields(of configuration: FunnelConfiguration) -> Set<String> {
        var used: Set<String> = [configuration.source.key, configuration.card.phase.from]
        let specs = Array(configuration.contact.fields.values) + [configuration.card.name] + (configuration.card.description.map { [$0] } ?? [])
        for spec in specs {
            if let template = try? MappingTemplate(spec) { used.formUnion(template.referencedPaths) }
        }
        return used
    }
}
