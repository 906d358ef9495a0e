import FunnelCore
import Yams
import Foundation

/// `contact.labels`, `contact.custom` and `contact.update`: what a contact carries beyond its six
/// built-in fields, and who owns each field once the contact exists.
extension ConfigReader {
    /// Wix allows at most this many custom contact fields per site (Extended Fields API).
    static let customFieldLimit = 100

    /// Names a custom field may not take: `contact.update` and the plan's field changes share one namespace.
    static var reservedFieldNames: [String] { ConfigKeys.contactFields.keys + ["labels"] }

    /// `contact.labels`: a list of label display names, each a template.
    func labelTemplates(_ slot: Slot) -> [TemplateSpec]? {
        guard let items = self.items(slot) else { return nil }
        var specs: [TemplateSpec] = []
        var failed = false
        for item in items {
            guard let text = nonEmptyString(item) else { failed = true; continue }
            let spec = TemplateSpec(text, location: location(item.anchor))
            if case .failure(let error) = spec.compiled { report(error); failed = true; continue }
            specs.append(spec)
        }
        return failed ? nil : specs
    }

    /// `contact.custom`: display name → a template (a text field) or `{ value, type }`. The names are
    /// returned even when an entry is invalid, so `contact.update` can still suggest them.
    func customFields(_ slot: Slot) -> (specs: [CustomFieldSpec]?, names: [String]) {
        guard let entries = stringMap(slot) else { return (nil, []) }
        var specs: [CustomFieldSpec] = []
        var failed = false
        for entry in entries {
            let name = entry.key.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                error("\(slot.path): a custom field needs a display name", at: entry.keyNode)
                failed = true
                continue
            }
            if let reserved = Self.reservedFieldNames.first(where: { $0.lowercased() == name.lowercased() }) {
                error("\(slot.path): \"\(name)\" is a built-in contact field name (\(reserved)); give the custom field another display name",
                      at: entry.keyNode)
                failed = true
                continue
            }
            if let spec = customField(entry.value, name: name, keyNode: entry.keyNode) { specs.append(spec) } else { failed = true }
        }
        if specs.count > Self.customFieldLimit {
            error("\(slot.path) declares \(specs.count) custom fields; Wix allows at most \(Self.customFieldLimit) per site", at: slot.head)
            failed = true
        }
        return (failed ? nil : specs, entries.map { $0.key.trimmingCharacters(in: .whitespaces) })
    }

    private func customField(_ slot: Slot, name: String, keyNode: Node) -> CustomFieldSpec? {
        if case .mapping = slot.node {
            guard let fields = self.fields(slot, ConfigKeys.customField) else { return nil }
            let type = value(fields.slot("type"), default: "text") { choice($0, CustomFieldType.allCases.map(\.rawValue)) }
            guard let valueSlot = fields.slot("value"), let template = template(valueSlot),
                  let type, let parsed = CustomFieldType(rawValue: type) else { return nil }
            return CustomFieldSpec(name: name, type: parsed, value: template, location: location(keyNode))
        }
        guard let template = template(slot) else { return nil }
        return CustomFieldSpec(name: name, type: .text, value: template, location: location(keyNode))
    }

    /// `contact.update`: each key a built-in field or a custom field's display name, each value a rule.
    func updateRules(_ slot: Slot, customNames: [String]) -> [String: UpdateRule]? {
        guard let entries = stringMap(slot) else { return nil }
        let known = ConfigKeys.contactFields.keys + customNames
        var rules: [String: UpdateRule] = [:]
        var failed = false
        for entry in entries {
            guard known.contains(entry.key) else {
                let hint = Suggestion.closest(to: entry.key, among: known).map { "; did you mean \"\($0)\"?" }
                    ?? "; expected a contact field (\(ConfigKeys.contactFields.keys.joined(separator: ", "))) or a contact.custom name"
                error("\(slot.path): unknown field \"\(entry.key)\"\(hint)", at: entry.keyNode)
                failed = true
                continue
            }
            guard let rule = choice(entry.value, UpdateRule.allCases.map(\.rawValue)).flatMap(UpdateRule.init) else {
                failed = true
                continue
            }
            rules[entry.key] = rule
        }
        return failed ? nil : rules
    }
}
