import FunnelCore

extension JSONValue {
    var arrayItems: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    var objectFields: [String: JSONValue]? { if case .object(let fields) = self { fields } else { nil } }
    /// A string, or a number/bool as text; nil for null, arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number, .bool: stringValue
        default: nil
        }
    }
}
