import AsyncHTTPClient
import Foundation
import FunnelConfig
import FunnelCore
import NIOHTTP1

/// `type: hubspot`: deals from `/crm/v3/objects/deals` (`after` cursor, 100 a page), each page's
/// contacts through one v4 association batch read and contact batch reads of at most 100, and the
/// stages from `/crm/v3/pipelines/deals`. A record holds the deal's properties, `id`, `contact.*`
/// (the first associated contact's properties), `stage_label`, `stage_kind` and `pipeline_label`.
struct HubSpotRecordSource: RecordSource {
    static let defaultBaseURL = "https://api.hubapi.com"
    static let dealProperties = ["dealname", "dealstage", "pipeline", "amount", "closedate", "createdate",
                                 "hs_lastmodifieddate", "hs_is_closed_won", "hs_is_closed_lost", "hubspot_owner_id"]
    static let contactProperties = ["email", "firstname", "lastname", "phone", "mobilephone", "company", "jobtitle"]
    /// Fields funnel adds to each record (not HubSpot properties).
    static let derivedFields = Set(["id", "contact", "stage_label", "stage_kind", "pipeline_label"]).union(DealFields.names)

    let spec: HubSpotSource
    let keyPath: String
    let pipelineSelector: String?
    let fetcher: HTTPFetcher
    /// Top-level fields and `contact.X` paths the config uses.
    let usedFields: Set<String>

    var base: String { (spec.baseURL ?? Self.defaultBaseURL).trimmingSuffix("/") }

    var requestedDealProperties: [String] {
        var names = Self.dealProperties + spec.properties
        for field in usedFields.sorted() {
            let head = field.split(separator: ".").first.map(String.init) ?? field
            if !Self.derivedFields.contains(head) { names.append(head) }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    var requestedContactProperties: [String] {
        var names = Self.contactProperties
        for field in usedFields.sorted() where field.hasPrefix("contact.") {
            names.append(String(field.dropFirst("contact.".count).split(separator: ".").first ?? ""))
        }
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && $0 != "id" && seen.insert($0).inserted }
    }

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(source: self))
    }

    func records(keys: [String]) async throws -> [SourceRecord] {
        guard keyPath == "id" || keyPath == "hs_object_id" else {
            return try await filteredFullRead(keys: keys)
        }
        let pipelines = try await readPipelines()
        var records: [SourceRecord] = []
        for chunk in keys.chunked(by: 100) {
            let body: JSONValue = .object([
                "inputs": .array(chunk.map { JSONValue.object(["id": .string($0)]) }),
                "properties": .array(requestedDealProperties.map(JSONValue.string)),
                "propertiesWithHistory": .array([]),
            ])
            let (response, _) = try await fetcher.json(.POST, "\(base)/crm/v3/objects/deals/batch/read", body: body, page: "")
            let deals = response[path: "results"]?.arrayItems ?? []
            records += try await enrich(deals, pipelines: pipelines, origin: "\(base)/crm/v3/objects/deals/batch/read")
        }
        return records
    }

    private func filteredFullRead(keys: [String]) async throws -> [SourceRecord] {
        let wanted = Set(keys)
        var found: [SourceRecord] = []
        for try await record in records() where record.key.map(wanted.contains) == true { found.append(record) }
        return found
    }

    func pipeline() async throws -> SourcePipeline? {
        let pipelines = try await readPipelines()
        return try choose(from: pipelines)
    }

    /// Every deal pipeline, in display order.
    func readPipelines() async throws -> [SourcePipeline] {
        let (body, _) = try await fetcher.json(.GET, "\(base)/crm/v3/pipelines/deals", page: "")
        return (body[path: "results"]?.arrayItems ?? []).compactMap { item -> SourcePipeline? in
            guard let id = item[path: "id"]?.scalarText, item[path: "archived"] != .bool(true) else { return nil }
            let stages = (item[path: "stages"]?.arrayItems ?? []).compactMap { stage -> SourceStage? in
                guard let stageID = stage[path: "id"]?.scalarText, stage[path: "archived"] != .bool(true) else { return nil }
                let closed = stage[path: "metadata.isClosed"]?.scalarText == "true"
                let probability = stage[path: "metadata.probability"]?.scalarText.flatMap(Double.init) ?? 0
                let kind: SourceStage.Kind = !closed ? .open : probability >= 1 ? .won : .lost
                return SourceStage(id: stageID, label: stage[path: "label"]?.scalarText ?? stageID,
                                   displayOrder: Int(stage[path: "displayOrder"]?.scalarText ?? "") ?? 0, kind: kind)
            }
            return SourcePipeline(id: id, name: item[path: "label"]?.scalarText ?? id, stages: stages)
        }
    }

    /// `source.pipeline` by id or label; else the `default` pipeline; else the first.
    func choose(from pipelines: [SourcePipeline]) throws(SourceError) -> SourcePipeline? {
        if let selector = pipelineSelector {
            guard let found = pipelines.first(where: { $0.id == selector }) ?? pipelines.first(where: { $0.name == selector }) else {
                let names = pipelines.map { "\"\($0.name)\" (\($0.id))" }.joined(separator: ", ")
                throw SourceError("no deal pipeline \"\(selector)\"; HubSpot has: \(names)", at: "GET \(base)/crm/v3/pipelines/deals")
            }
            return found
        }
        return pipelines.first { $0.id == "default" } ?? pipelines.first
    }

    /// Adds contacts and stage fields to a page of deals (from the list or a batch read).
    func enrich(_ deals: [JSONValue], pipelines: [SourcePipeline], origin: String) async throws -> [SourceRecord] {
        let ids = deals.compactMap { $0[path: "id"]?.scalarText }
        let contactOfDeal = try await firstContacts(of: ids)
        let contacts = try await readContacts(Array(Set(contactOfDeal.values)).sorted())
        var records: [SourceRecord] = []
        for deal in deals {
            guard let id = deal[path: "id"]?.scalarText else { continue }
            var fields = deal[path: "properties"]?.objectFields ?? [:]
            if let selector = pipelineSelector {
                let pipelineID = fields["pipeline"]?.scalarText
                let chosen = pipelines.first { $0.id == selector || $0.name == selector }
                if pipelineID != chosen?.id { continue }
            }
            fields["id"] = .string(id)
            let pipeline = pipelines.first { $0.id == fields["pipeline"]?.scalarText }
            let stage = fields["dealstage"]?.scalarText.flatMap { value in pipeline?.stages.first { $0.id == value } }
            fields["pipeline_label"] = pipeline.map { JSONValue.string($0.name) } ?? .null
            fields["stage_label"] = stage.map { JSONValue.string($0.label) } ?? .null
            let kind: SourceStage.Kind = fields["hs_is_closed_won"]?.scalarText == "true" ? .won
                : fields["hs_is_closed_lost"]?.scalarText == "true" ? .lost : stage?.kind ?? .open
            fields["stage_kind"] = .string(kind.rawValue)
            DealFields.add(owner: fields["hubspot_owner_id"], amount: fields["amount"], closeDate: fields["closedate"], to: &fields)
            if let contactID = contactOfDeal[id], var contact = contacts[contactID] {
                contact["id"] = .string(contactID)
                fields["contact"] = .object(contact)
            }
            records.append(SourceRecord(fields: fields, keyPath: keyPath, location: "\(origin) deal \(id)"))
        }
        return records
    }

    /// Deal id → its contact (v4 batch read, ≤ 1000 inputs a call): the association labelled
    /// primary, else the lowest contact id. HubSpot does not promise an order, so `.first` could
    /// flip between reads and churn the card's contact.
    private func firstContacts(of dealIDs: [String]) async throws -> [String: String] {
        var result: [String: String] = [:]
        for chunk in dealIDs.chunked(by: 1000) where !chunk.isEmpty {
            let body: JSONValue = .object(["inputs": .array(chunk.map { JSONValue.object(["id": .string($0)]) })])
            let (response, _) = try await fetcher.json(.POST, "\(base)/crm/v4/associations/deals/contacts/batch/read", body: body, page: "")
            for item in response[path: "results"]?.arrayItems ?? [] {
                guard let from = item[path: "from.id"]?.scalarText,
                      let to = Self.chosenContact(item[path: "to"]?.arrayItems ?? []) else { continue }
                result[from] = to
            }
        }
        return result
    }

    /// The primary-labelled association's contact, else the lowest contact id (numerically).
    static func chosenContact(_ associations: [JSONValue]) -> String? {
        let isPrimary = { (association: JSONValue) -> Bool in
            (association[path: "associationTypes"]?.arrayItems ?? []).contains {
                $0[path: "label"]?.scalarText?.lowercased() == "primary"
            }
        }
        let ids = associations.compactMap { $0[path: "toObjectId"]?.scalarText }
        let primaries = associations.filter(isPrimary).compactMap { $0[path: "toObjectId"]?.scalarText }
        return (primaries.isEmpty ? ids : primaries).min { lhs, rhs in
            lhs.count != rhs.count ? lhs.count < rhs.count : lhs < rhs
        }
    }

    /// Contact id → properties (batch read, ≤ 100 a call; ids HubSpot no longer has are absent).
    private func readContacts(_ ids: [String]) async throws -> [String: [String: JSONValue]] {
        var result: [String: [String: JSONValue]] = [:]
        for chunk in ids.chunked(by: 100) where !chunk.isEmpty {
            let body: JSONValue = .object([
                "inputs": .array(chunk.map { JSONValue.object(["id": .string($0)]) }),
                "properties": .array(requestedContactProperties.map(JSONValue.string)),
                "propertiesWithHistory": .array([]),
            ])
            let (response, _) = try await fetcher.json(.POST, "\(base)/crm/v3/objects/contacts/batch/read?archived=false", body: body, page: "")
            for item in response[path: "results"]?.arrayItems ?? [] {
                guard let id = item[path: "id"]?.scalarText else { continue }
                result[id] = item[path: "properties"]?.objectFields ?? [:]
            }
        }
        return result
    }

    private actor Producer: BatchProducer {
        let source: HubSpotRecordSource
        var pipelines: [SourcePipeline]?
        var after: String?
        var page = 0
        var done = false

        init(source: HubSpotRecordSource) { self.source = source }

        func nextBatch() async throws -> [SourceRecord]? {
            if pipelines == nil {
                let all = try await source.readPipelines()
                _ = try source.choose(from: all)
                pipelines = all
            }
            while !done {
                page += 1
                var url = "\(source.base)/crm/v3/objects/deals?limit=100&archived=false&properties="
                    + source.requestedDealProperties.joined(separator: ",")
                // `after` is passed back exactly as HubSpot gave it (already URL-safe).
                if let after { url += "&after=\(after)" }
                let (body, _) = try await source.fetcher.json(.GET, url, page: "page \(page)")
                after = body[path: "paging.next.after"]?.scalarText
                done = after == nil
                let records = try await source.enrich(body[path: "results"]?.arrayItems ?? [], pipelines: pipelines ?? [],
                                                      origin: "\(source.base)/crm/v3/objects/deals page \(page)")
                if !records.isEmpty { return records }
            }
            return nil
        }
    }
}

extension Array {
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
