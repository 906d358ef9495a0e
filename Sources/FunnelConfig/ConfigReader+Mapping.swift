import FunnelCore
import Yams

/// `contact:` and `card:` — how each record becomes a contact and a card.
extension ConfigReader {
    /// A mapping template; a syntax error is reported at the template's line.
    func template(_ slot: Slot) -> TemplateSpec? {
        guard let text = string(slot) else { return nil }
        let spec = TemplateSpec(text, location: location(slot.anchor))
        if case .failure(let error) = spec.compiled {
            report(error)
            return nil
        }
        return spec
    }

    func contact(_ slot: Slot) -> ContactSpec? {
        guard let fields = self.fields(slot, ConfigKeys.contact) else { return nil }
        let match = value(fields.slot("match"), default: "email") { choice($0, ["email", "phone"]) }
        guard let fieldsSlot = fields.slot("fields"), let templates = self.fields(fieldsSlot, ConfigKeys.contactFields) else { return nil }
        var specs: [String: TemplateSpec] = [:]
        var failed = false
        for key in ConfigKeys.contactFields.keys {
            guard let slot = templates.slot(key) else { continue }
            if let spec = template(slot) { specs[key] = spec } else { failed = true }
        }
        let country = fields.slot("country").map(countryCode)
        var labels: [TemplateSpec] = [], custom: [CustomFieldSpec] = [], update: [String: UpdateRule] = [:]
        if let slot = fields.slot("labels") { if let read = labelTemplates(slot) { labels = read } else { failed = true } }
        var customNames: [String] = []
        if let slot = fields.slot("custom") {
            let read = customFields(slot)
            customNames = read.names
            if let specs = read.specs { custom = specs } else { failed = true }
        }
        if let slot = fields.slot("update") {
            if let read = updateRules(slot, customNames: customNames) { update = read } else { failed = true }
        }
        guard let match, let kind = ContactSpec.Match(rawValue: match), country != .some(nil) else { return nil }
        if !templates.has(match) {
            error("contact.fields.\(match) is required when contact.match is \(match)", at: fields.keyNode("match") ?? templates.anchor)
            return nil
        }
        return failed ? nil : ContactSpec(match: kind, fields: specs, country: country ?? nil, labels: labels, custom: custom,
                                          update: update, location: location(fields.anchor))
    }

    /// `contact.country`: two uppercase letters naming a country whose calling code funnel knows.
    private func countryCode(_ slot: Slot) -> String? {
        guard let text = nonEmptyString(slot) else { return nil }
        guard PhoneNumber.isKnownCountry(text) else {
            let hint = PhoneNumber.isKnownCountry(text.uppercased()) ? "; write it in capitals: \(text.uppercased())" : ""
            error("contact.country: \"\(text)\" is not an ISO 3166-1 alpha-2 country code funnel knows (two capital letters, e.g. US, GB, DE)\(hint)",
                  at: slot.anchor)
            return nil
        }
        return text
    }

    struct ReadCard {
        var spec: CardSpec
        var phaseAnchor: Node
        var hasMap: Bool
    }

    func card(_ slot: Slot) -> ReadCard? {
        guard let fields = self.fields(slot, ConfigKeys.card) else { return nil }
        let source = fields.slot("source").flatMap(nonEmptyString)
        let name = fields.slot("name").flatMap(template)
        let description = fields.slot("description").map(template)
        let due = fields.slot("due").map(template)
        guard let phaseSlot = fields.slot("phase"), let phaseFields = self.fields(phaseSlot, ConfigKeys.cardPhase) else { return nil }
        let from = phaseFields.slot("from").flatMap(nonEmptyString)
        var map: [String: TargetRef] = [:]
        var mapLocations: [String: SourceLocation] = [:]
        var failed = false
        if let mapSlot = phaseFields.slot("map") {
            if let entries = stringMap(mapSlot) {
                if entries.isEmpty, case .mapping = mapSlot.node {
                    error("\(mapSlot.path) is empty; map each stage value to a phase, $win or $archive", at: mapSlot.head)
                }
                for entry in entries {
                    if let target = target(entry.value) {
                        map[entry.key] = target
                        mapLocations[entry.key] = location(entry.keyNode)
                    } else { failed = true }
                }
            } else { failed = true }
        }
        let defaultTarget = phaseFields.slot("default").map(target)
        guard let source, let name, let from, !failed, !(description.map { $0 == nil } ?? false), !(due.map { $0 == nil } ?? false),
              !(defaultTarget.map { $0 == nil } ?? false) else { return nil }
        let phase = PhaseMapping(from: from, map: map, mapLocations: mapLocations, defaultTarget: defaultTarget ?? nil,
                                 location: location(phaseFields.anchor))
        return ReadCard(spec: CardSpec(source: source, name: name, description: description ?? nil, due: due ?? nil, phase: phase,
                                       location: location(fields.anchor)),
                        phaseAnchor: phaseFields.anchor, hasMap: phaseFields.has("map"))
    }
}
