import AsyncHTTPClient
import Foundation
import FunnelConfig
import FunnelCore
import NIOHTTP1

/// `type: pipedrive`: deals of one pipeline from `/api/v2/deals` (cursor paging, 500 a page), their
/// persons from `/api/v2/persons?ids=` (≤ 100 a call), stages from `/api/v2/stages`. A record holds
/// the deal's fields (`id`, `title`, `stage_id`, `status`, …), `person.*` (with `email` and `phone`
/// the primary entries), `stage_label`, `stage_kind` (won/lost from the deal's `status`) and `pipeline_label`.
struct PipedriveRecordSource: RecordSource {
    static let defaultBaseURL = "https://api.pipedrive.com"

    let spec: PipedriveSource
    let keyPath: String
    let pipelineSelector: String?
    let fetcher: HTTPFetcher

    var base: String { (spec.baseURL ?? Self.defaultBaseURL).trimmingSuffix("/") }

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(source: self))
    }

    func records(keys: [String]) async throws -> [SourceRecord] {
        guard keyPath == "id" else {
            let wanted = Set(keys)
            var found: [SourceRecord] = []
            for try await record in records() where record.key.map(wanted.contains) == true { found.append(record) }
            return found
        }
        guard let pipeline = try await pipeline() else { return [] }
        var records: [SourceRecord] = []
        for chunk in keys.chunked(by: 100) where !chunk.isEmpty {
            let url = "\(base)/api/v2/deals?ids=\(chunk.joined(separator: ","))&status=open,won,lost"
            let (body, _) = try await fetcher.json(.GET, url, page: "")
            let deals = (body[path: "data"]?.arrayItems ?? []).filter { $0[path: "pipeline_id"]?.scalarText == pipeline.id }
            records += try await enrich(deals, pipeline: pipeline, origin: "\(base)/api/v2/deals")
        }
        return records
    }

    func pipeline() async throws -> SourcePipeline? {
        let pipelines = try await readAll("\(base)/api/v2/pipelines?limit=500")
            .filter { $0[path: "is_deleted"] != .bool(true) }
        let chosen: JSONValue?
        if let selector = pipelineSelector {
            chosen = pipelines.first { $0[path: "id"]?.scalarText == selector } ?? pipelines.first { $0[path: "name"]?.scalarText == selector }
            guard chosen != nil else {
                let names = pipelines.map { "\"\($0[path: "name"]?.scalarText ?? "")\" (\($0[path: "id"]?.scalarText ?? ""))" }.joined(separator: ", ")
                throw SourceError("no pipeline \"\(selector)\"; Pipedrive has: \(names)", at: "GET \(base)/api/v2/pipelines")
            }
        } else {
            chosen = pipelines.min { Self.order($0) < Self.order($1) }
        }
        guard let chosen, let id = chosen[path: "id"]?.scalarText else { return nil }
        let stages = try await readAll("\(base)/api/v2/stages?pipeline_id=\(id)&limit=500")
            .filter { $0[path: "is_deleted"] != .bool(true) }
            .compactMap { stage -> SourceStage? in
                guard let stageID = stage[path: "id"]?.scalarText else { return nil }
                return SourceStage(id: stageID, label: stage[path: "name"]?.scalarText ?? stageID, displayOrder: Self.order(stage), kind: .open)
            }
        return SourcePipeline(id: id, name: chosen[path: "name"]?.scalarText ?? id, stages: stages)
    }

    private static func order(_ item: JSONValue) -> Int { Int(item[path: "order_nr"]?.scalarText ?? "") ?? 0 }

    /// Every item of a cursor-paged v2 list.
    private func readAll(_ url: String) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var cursor: String?
        var page = 0
        repeat {
            page += 1
            let pageURL = cursor.map { "\(url)&cursor=\(Self.escape($0))" } ?? url
            let (body, _) = try await fetcher.json(.GET, pageURL, page: page > 1 ? "page \(page)" : "")
            items += body[path: "data"]?.arrayItems ?? []
            cursor = body[path: "additional_data.next_cursor"]?.scalarText
        } while cursor != nil && page < 1000
        return items
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// Adds persons and stage fields to a page of deals.
    func enrich(_ deals: [JSONValue], pipeline: SourcePipeline, origin: String) async throws -> [SourceRecord] {
        let personIDs = Array(Set(deals.compactMap { Self.personID($0) })).sorted()
        var persons: [String: [String: JSONValue]] = [:]
        for chunk in personIDs.chunked(by: 100) where !chunk.isEmpty {
            let (body, _) = try await fetcher.json(.GET, "\(base)/api/v2/persons?ids=\(chunk.joined(separator: ","))", page: "")
            for person in body[path: "data"]?.arrayItems ?? [] {
                guard let id = person[path: "id"]?.scalarText, var fields = person.objectFields else { continue }
                fields["email"] = Self.primary(person[path: "emails"])
                fields["phone"] = Self.primary(person[path: "phones"])
                persons[id] = fields
            }
        }
        return deals.compactMap { deal -> SourceRecord? in
            guard var fields = deal.objectFields, let id = fields["id"]?.scalarText else { return nil }
            let stage = fields["stage_id"]?.scalarText.flatMap { value in pipeline.stages.first { $0.id == value } }
            fields["stage_label"] = stage.map { JSONValue.string($0.label) } ?? .null
            let status = fields["status"]?.scalarText
            fields["stage_kind"] = .string(status == "won" ? "won" : status == "lost" ? "lost" : "open")
            fields["pipeline_label"] = .string(pipeline.name)
            let owner = fields["owner_id"].flatMap { $0[path: "name"] ?? $0[path: "id"] ?? $0 }
            DealFields.add(owner: owner, amount: fields["value"], closeDate: fields["expected_close_date"], to: &fields)
            if let personID = Self.personID(deal), let person = persons[personID] { fields["person"] = .object(person) }
            return SourceRecord(fields: fields, keyPath: keyPath, location: "\(origin) deal \(id)")
        }
    }

    private static func personID(_ deal: JSONValue) -> String? {
        let value = deal[path: "person_id"]
        return value?.scalarText ?? value?[path: "value"]?.scalarText
    }

    /// The `primary` entry's value of `emails`/`phones`, else the first.
    private static func primary(_ entries: JSONValue?) -> JSONValue {
        let items = entries?.arrayItems ?? []
        let chosen = items.first { $0[path: "primary"] == .bool(true) } ?? items.first
        return chosen?[path: "value"] ?? .null
    }

    private actor Producer: BatchProducer {
        let source: PipedriveRecordSource
        var pipeline: SourcePipeline?
        var cursor: String?
        var page = 0
        var done = false

        init(source: PipedriveRecordSource) { self.source = source }

        func nextBatch() async throws -> [SourceRecord]? {
            if pipeline == nil {
                guard let found = try await source.pipeline() else { return nil }
                pipeline = found
            }
            guard let pipeline else { return nil }
            while !done {
                page += 1
                var url = "\(source.base)/api/v2/deals?pipeline_id=\(pipeline.id)&limit=500&sort_by=id&sort_direction=asc"
                if let cursor { url += "&cursor=\(PipedriveRecordSource.escape(cursor))" }
                let (body, _) = try await source.fetcher.json(.GET, url, page: "page \(page)")
                cursor = body[path: "additional_data.next_cursor"]?.scalarText
                done = cursor == nil
                let records = try await source.enrich(body[path: "data"]?.arrayItems ?? [], pipeline: pipeline,
                                                      origin: "\(source.base)/api/v2/deals page \(page)")
                if !records.isEmpty { return records }
            }
            return nil
        }
    }
}
