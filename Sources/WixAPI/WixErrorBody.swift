import Foundation
import FunnelCore

/// Wix's error envelope (wix-api.md §2.3):
/// `{"message", "details": {"applicationError": {code, description, data}, "validationError": {fieldViolations}}}`.
struct WixErrorBody: Decodable {
    struct Details: Decodable {
        struct ApplicationError: Decodable {
            var code: String?
            var description: String?
            var data: JSONValue?
        }
        struct ValidationError: Decodable {
            var fieldViolations: [WixError.FieldViolation]?
        }
        var applicationError: ApplicationError?
        var validationError: ValidationError?
    }
    var message: String?
    var details: Details?
}

extension WixError {
    /// Builds the error for a non-2xx response from its status and body (any body, even none).
    init(status: Int, body: Data, method: String, path: String, target: WixTarget?, attempts: Int) {
        let decoded = try? JSONDecoder().decode(WixErrorBody.self, from: body)
        let application = decoded?.details?.applicationError
        var message = decoded?.message ?? ""
        if message.isEmpty { message = application?.description ?? "" }
        if message.isEmpty { message = Self.reason(for: status) }
        let duplicateId: String? = application?.data?[path: "duplicateContactId"].flatMap {
            if case .string(let id) = $0, !id.isEmpty { return id }
            return nil
        }
        // Wix answers a full quota with 429 too, but with an application code and no Retry-After.
        let quota = status == 429 && (application?.code?.hasSuffix("_LIMIT_REACHED") ?? false)
        self.init(
            status: status, category: quota ? .quotaExceeded : nil, code: application?.code,
            fieldViolations: decoded?.details?.validationError?.fieldViolations ?? [],
            message: message, method: method, path: path, target: target,
            duplicateContactId: duplicateId, data: application?.data, attempts: attempts)
    }

    static func reason(for status: Int) -> String {
        switch status {
        case 400: return "bad request"
        case 401: return "not authenticated"
        case 403: return "permission denied"
        case 404: return "not found"
        case 409: return "conflict"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        default: return "HTTP \(status)"
        }
    }
}
