import FunnelCore

/// A CRM source: files, any JSON API, HubSpot or Pipedrive. Made by `SourceFactory`.
public protocol RecordSource: Sendable {
    /// Every record, streamed in source order with constant memory (pull-based: nothing is read
    /// ahead of the consumer beyond one page or file chunk). A source error ends the stream with a
    /// `SourceError` naming the position.
    func records() -> AsyncThrowingStream<SourceRecord, any Error>

    /// Just the records with these keys (webhooks: an incremental read). Keys that no longer exist
    /// are absent from the result. File sources filter a full read.
    func records(keys: [String]) async throws -> [SourceRecord]

    /// The source's pipeline: from the CRM's API (hubspot, pipedrive) or from `source.stages`
    /// (file and http sources); nil when neither applies.
    func pipeline() async throws -> SourcePipeline?
}

extension RecordSource {
    /// Default incremental read: filter a full read (fine for files; APIs override it).
    public func records(keys: [String]) async throws -> [SourceRecord] {
        let wanted = Set(keys)
        var found: [SourceRecord] = []
        for try await record in records() where record.key.map(wanted.contains) == true {
            found.append(record)
        }
        return found
    }
}
