import Foundation
import Hummingbird

/// One authenticated API request, reduced to what the handlers need.
struct APIRequest: Sendable {
    /// The site the request acts on (`wix-site-id`, or the token's instance id).
    var site: String
    /// The OAuth app behind the token, if the caller used one.
    var appId: String?
    var parameters: [String: String]
    var query: [String: [String]]
    var body: ByteBuffer

    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    func string(_ name: String) -> String? { query[name]?.last }

    func strings(_ name: String) -> [String] { query[name] ?? [] }

    func int(_ name: String) throws(WixError) -> Int? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw .invalid(name, "must be an integer, got \"\(text)\"", rule: "FORMAT") }
        return value
    }

    func bool(_ name: String) throws(WixError) -> Bool? {
        guard let text = string(name), !text.isEmpty else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalid(name, "must be true or false, got \"\(text)\"", rule: "FORMAT")
        }
    }

    /// Decodes the JSON body; an empty body decodes as `{}`.
    func decode<T: Decodable>(_ type: T.Type) throws(WixError) -> T {
        let data = body.readableBytes == 0 ? Data("{}".utf8) : Data(body.readableBytesView)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalid(field.isEmpty ? "body" : field, context.debugDescription, rule: "FORMAT")
        } catch {
            throw .invalid("body", "is not valid JSON for this operation", rule: "FORMAT")
        }
    }
}

/// Encodes a response body.
func jsonBody<T: Encodable>(_ value: T) -> ByteBuffer {
    // Encoding our own wire types cannot fail; an empty object is the safe fallback.
    let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    return ByteBuffer(bytes: data)
}
