import FunnelCore
import Foundation

/// Turns a webhook body into the record keys it names. Only the ids are read: HubSpot and Pipedrive
/// send ids and a changed field or two, so the records themselves are re-read from the source.
/// Keys come back unique, in the order first seen; events about other objects are skipped.
public enum WebhookPayload {
    /// HubSpot (§1.10): a JSON array of events; deal events (`deal.*`, or `object.*` with
    /// `objectTypeId` `0-3`) name the deal id in `objectId`.
    public static func hubSpotKeys(_ body: [UInt8]) throws -> [String] {
        guard case .array(let events) = try decode(body) else { throw WebhookPayloadError("expected a JSON array of events") }
        return unique(events.compactMap { event -> String? in
            let type = event[path: "subscriptionType"]?.stringValue ?? ""
            let isDeal = type.hasPrefix("deal.")
                || (type.hasPrefix("object.") && event[path: "objectTypeId"]?.stringValue == "0-3")
            guard isDeal, let id = event[path: "objectId"], id != .null else { return nil }
            return id.stringValue
        })
    }

    /// Pipedrive (§2.7): webhooks v2 (`meta.entity` `deal`, `meta.entity_id`), or v1
    /// (`meta.object` `deal`, `meta.id`). Other entities name no deal.
    public static func pipedriveKeys(_ body: [UInt8]) throws -> [String] {
        let document = try decode(body)
        guard case .object = document, let meta = document[path: "meta"] else { throw WebhookPayloadError("expected an object with meta") }
        if let entity = meta[path: "entity"]?.stringValue {
            guard entity == "deal" else { return [] }
            let id = meta[path: "entity_id"] ?? document[path: "data.id"] ?? document[path: "previous.id"]
            return id.map { [$0.stringValue] } ?? []
        }
        guard meta[path: "object"]?.stringValue == "deal" else { return [] }
        let id = meta[path: "id"] ?? document[path: "current.id"]
        return id.map { [$0.stringValue] } ?? []
    }

    /// `POST /hooks/generic`: `{"keys": ["L-001", …]}` or `{"records": [{"id": …}, …]}`.
    public static func genericKeys(_ body: [UInt8]) throws -> [String] {
        let document = try decode(body)
        if case .array(let keys)? = document[path: "keys"] {
            return unique(keys.map(\.stringValue))
        }
        if case .array(let records)? = document[path: "records"] {
            return unique(try records.map { record in
                guard let id = record[path: "id"], id != .null else { throw WebhookPayloadError("a record without id") }
                return id.stringValue
            })
        }
        throw WebhookPayloadError("expected {\"keys\": [...]} or {\"records\": [{\"id\": ...}]}")
    }

    private static func decode(_ body: [UInt8]) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw WebhookPayloadError("the body is not JSON")
        }
    }

    private static func unique(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// A webhook body that could not be read; the message never quotes the body.
public struct WebhookPayloadError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
