import AsyncHTTPClient
import Foundation
import FunnelConfig
import FunnelCore
import Logging
import NIOHTTP1

/// `type: http`: any JSON API, page by page (next link in the body, `Link` header, cursor, or
/// offset/limit), with retries and a page limit. Going past `max_pages` is an error, never a
/// silent truncation: a partial read would make every unread lead look deleted.
struct HTTPRecordSource: RecordSource {
    let spec: HTTPSource
    let keyPath: String
    let stages: [StageSpec]?
    let fetcher: HTTPFetcher

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(spec: spec, keyPath: keyPath, fetcher: fetcher))
    }

    func pipeline() async throws -> SourcePipeline? { stages.map { SourcePipeline(declared: $0) } }

    private actor Producer: BatchProducer {
        let spec: HTTPSource
        let keyPath: String
        let fetcher: HTTPFetcher
        var nextURL: String?
        var page = 0
        var offset = 0
        var seen: Set<String> = []

        init(spec: HTTPSource, keyPath: String, fetcher: HTTPFetcher) {
            self.spec = spec; self.keyPath = keyPath; self.fetcher = fetcher
            if case .offset(let offsetParameter, let limitParameter, let limit) = spec.pagination {
                nextURL = Self.setting([offsetParameter: "0", limitParameter: "\(limit)"], in: spec.url)
            } else {
                nextURL = spec.url
            }
        }

        func nextBatch() async throws -> [SourceRecord]? {
            guard let url = nextURL else { return nil }
            page += 1
            let label = "page \(page)"
            if page > spec.maxPages {
                throw SourceError("more than max_pages (\(spec.maxPages)) pages; raise source.max_pages if the API really has more",
                                  at: "GET \(HTTPFetcher.displayURL(url)) \(label)")
            }
            seen.insert(url)
            let (body, response) = try await fetcher.json(.GET, url, page: label)
            let origin = "\(HTTPFetcher.displayURL(url)) \(label)"
            let records: [SourceRecord]
            do {
                records = try RecordArray.records(in: body, pointer: spec.recordsPointer, keyPath: keyPath, origin: origin)
            } catch {
                throw SourceError(error.message, at: "GET \(error.position)")
            }
            nextURL = try next(after: url, body: body, response: response, count: records.count)
            if let next = nextURL, seen.contains(next) {
                throw SourceError("the next page link points back to a page already read (\(HTTPFetcher.displayURL(next)))", at: "GET \(origin)")
            }
            return records
        }

        private func next(after url: String, body: JSONValue, response: HTTPFetcher.Response, count: Int) throws -> String? {
            switch spec.pagination {
            case .none:
                return nil
            case .nextLink(let pointer):
                guard let link = JSONPointer.resolve(pointer, in: body), case .string(let text) = link, !text.isEmpty else { return nil }
                return URL(string: text, relativeTo: URL(string: url))?.absoluteString ?? text
            case .linkHeader:
                guard let link = LinkHeader.next(in: response.headers[canonicalForm: "Link"].map(String.init)) else { return nil }
                return URL(string: link, relativeTo: URL(string: url))?.absoluteString ?? link
            case .cursor(let pointer, let parameter):
                guard let cursor = JSONPointer.resolve(pointer, in: body), cursor != .null, !cursor.stringValue.isEmpty, count > 0 else { return nil }
                return Self.setting([parameter: cursor.stringValue], in: spec.url)
            case .offset(let offsetParameter, let limitParameter, let limit):
                guard count >= limit else { return nil }
                offset += count
                return Self.setting([offsetParameter: "\(offset)", limitParameter: "\(limit)"], in: spec.url)
            }
        }

        /// `url` with these query parameters set (replacing any of the same name).
        static func setting(_ parameters: [String: String], in url: String) -> String {
            guard var components = URLComponents(string: url) else { return url }
            var items = (components.queryItems ?? []).filter { parameters[$0.name] == nil }
            for (name, value) in parameters.sorted(by: { $0.key < $1.key }) { items.append(URLQueryItem(name: name, value: value)) }
            components.queryItems = items
            return components.string ?? url
        }
    }
}

/// RFC 8288 `Link` headers: `<https://api.example.com/leads?page=2>; rel="next", <…>; rel="last"`.
enum LinkHeader {
    static func next(in values: [String]) -> String? {
        for value in values {
            for link in value.split(separator: ",") {
                let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
                let isNext = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2, pair[0].lowercased() == "rel" else { return false }
                    return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ").contains("next")
                }
                if isNext { return String(target.dropFirst().dropLast()) }
            }
        }
        return nil
    }
}
