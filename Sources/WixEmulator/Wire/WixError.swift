import FunnelCore

/// An error answered in the Wix envelope (wix-api.md §2.3):
/// `{"message", "details": {"applicationError": {code, description, data}}}`,
/// `{"message", "details": {"validationError": {"fieldViolations": [...]}}}`, or for 5xx `{"message": "", "details": {}}`.
struct WixError: Error, Sendable {
    enum Details: Sendable {
        case application(code: String, data: [String: JSONValue]?)
        case validation([FieldViolation])
        case empty
    }

    struct FieldViolation: Sendable, Encodable {
        var field: String
        var description: String
        var violatedRule: String
        var ruleName: String?
    }

    var status: Int
    var message: String
    var details: Details
    var headers: [(String, String)] = []

    static func application(_ status: Int, _ code: String, _ message: String, data: [String: JSONValue]? = nil) -> WixError {
        WixError(status: status, message: message, details: .application(code: code, data: data))
    }

    static func invalid(_ field: String, _ description: String, rule: String = "REQUIRED_FIELD") -> WixError {
        WixError(status: 400, message: "\(field): \(description)",
                 details: .validation([FieldViolation(field: field, description: description, violatedRule: rule)]))
    }

    static func notFound(_ entity: String, _ id: String) -> WixError {
        .application(404, "\(entity.uppercased())_NOT_FOUND", "\(entity) with id \(id) not found")
    }

    static var serverError: WixError { WixError(status: 503, message: "", details: .empty) }

    /// The JSON body of the envelope.
    var body: JSONValue {
        let details: JSONValue
        switch self.details {
        case .application(let code, let data):
            var error: [String: JSONValue] = ["code": .string(code), "description": .string(message)]
            if let data { error["data"] = .object(data) }
            details = .object(["applicationError": .object(error)])
        case .validation(let violations):
            let list: [JSONValue] = violations.map { violation in
                var object: [String: JSONValue] = [
                    "field": .string(violation.field), "description": .string(violation.description),
                    "violatedRule": .string(violation.violatedRule),
                ]
                if let rule = violation.ruleName { object["ruleName"] = .string(rule) }
                return .object(object)
            }
            details = .object(["validationError": .object(["fieldViolations": .array(list)])])
        case .empty:
            details = .object([:])
        }
        return .object(["message": .string(message), "details": details])
    }
}
