import Foundation
import FunnelCore

/// The JSON settings of the plan document and the checks made before decoding it.
enum PlanDocumentCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoderFactory.pretty
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(timestampStyle))
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = (try? timestampStyle.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO 8601 timestamp like 2026-11-29T08:00:00.000Z")
        }
        return decoder
    }

    /// `2026-11-29T08:37:05.123Z`: UTC with milliseconds.
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private struct VersionProbe: Decodable {
        var formatVersion: Int?
        var personalDataMasked: Bool?
        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", personalDataMasked = "personal_data_masked"
        }
    }

    static func decode(_ data: Data, allowMasked: Bool) throws -> Plan {
        // The version is checked before anything else so a newer document gets the version message,
        // not a confusing complaint about a field it renamed.
        let probe: VersionProbe
        do {
            probe = try JSONDecoder().decode(VersionProbe.self, from: data)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw PlanDocumentError.notAPlan
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw PlanDocumentError.notJSON(detail: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
            }
            throw PlanDocumentError.notAPlan
        }
        guard let version = probe.formatVersion else { throw PlanDocumentError.notAPlan }
        guard PlanRenderer.supportedFormatVersions.contains(version) else {
            throw PlanDocumentError.unsupportedFormatVersion(found: version, supported: PlanRenderer.supportedFormatVersions)
        }
        if probe.personalDataMasked == true, !allowMasked { throw PlanDocumentError.personalDataMasked }
        do {
            return try decoder.decode(PlanDocument.self, from: data).plan()
        } catch let error as DecodingError {
            throw invalid(error)
        }
    }

    /// `steps[3].operation.phase: …` from a decoding error.
    static func invalid(_ error: DecodingError) -> PlanDocumentError {
        let (context, message): (DecodingError.Context?, String) = switch error {
        case .keyNotFound(let key, let context):
            (DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: ""), "missing")
        case .typeMismatch(let type, let context): (context, "expected \(type); \(context.debugDescription)")
        case .valueNotFound(let type, let context): (context, "expected \(type), found null")
        case .dataCorrupted(let context): (context, context.debugDescription)
        @unknown default: (nil, "\(error)")
        }
        return .invalid(path: path(context?.codingPath ?? []), message: message)
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text.isEmpty ? "the top level" : text
    }
}
