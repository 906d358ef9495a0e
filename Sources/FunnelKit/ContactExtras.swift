import FunnelCore
import WixAPI

/// A contact's labels and custom fields as Wix writes them: keys for display names, values in their
/// field's type (a `NUMBER` as a JSON number, a `DATE` as `YYYY-MM-DD`, text and URLs as strings).
struct ContactExtras: Sendable {
    /// Display name → key (labels), display name → (key, type) (custom fields), resolved for this apply.
    var labelKeys: [String: String] = [:]
    var fields: [String: (key: String, type: CustomFieldType)] = [:]

    func labelKey(_ name: String) throws -> String {
        guard let key = labelKeys[name] else { throw FunnelError("internal: label \"\(name)\" has no key yet") }
        return key
    }

    func field(_ name: String) throws -> (key: String, type: CustomFieldType) {
        guard let field = fields[name] else { throw FunnelError("internal: custom field \"\(name)\" has no key yet") }
        return field
    }

    /// A value in its type's wire form.
    static func wireValue(_ value: String, type: CustomFieldType) -> JSONValue {
        if type == .number, let number = Double(value) { return .number(number) }
        return .string(value)
    }

    /// A new contact's `info` with its labels and custom fields.
    func apply(_ contact: DesiredContact, to info: inout ContactInfo) throws {
        if let labels = contact.labels, !labels.isEmpty { info.labelKeys = ContactInfo.Items(try labels.map(labelKey)) }
        if let custom = contact.custom, !custom.isEmpty {
            var items: [String: JSONValue] = [:]
            for (name, value) in custom {
                let field = try field(name)
                items[field.key] = Self.wireValue(value, type: field.type)
            }
            info.extendedFields = ContactInfo.Items(items)
        }
    }
}
