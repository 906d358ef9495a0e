import Foundation
import FunnelCore

extension PlanBuilder {
    /// Labels and custom fields the leads use, before any contact (their keys must exist first): each
    /// is known by the key the state remembers (still found after a rename in Wix's dashboard), else by
    /// its display name in Wix, else found or created by a step. A custom field whose display name
    /// exists in Wix with another type is a problem the plan refuses.
    mutating func planDefinitions() {
        let liveFields = Dictionary(live.extendedFields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for field in desired.customFields {
            let remembered = state.definitionKey(.field, field.name).flatMap { liveFields[$0] }
            let named = live.extendedFields.filter { $0.displayName == field.name }
            let found = remembered ?? named.first { $0.key.hasPrefix("custom.") } ?? named.first
            if let found {
                if let dataType = found.dataType, CustomFieldType(wixDataType: dataType) != field.type {
                    let location = field.location.map { " (\($0))" } ?? ""
                    problems.append("custom field \"\(field.name)\" is \(field.type.rawValue) in contact.custom\(location), but Wix has \"\(found.displayName)\" (key \(found.key)) as \(dataType.lowercased()); change its type in the config or use another display name")
                }
                definitionRefs[DefinitionRef(.field, field.name)] = .id(found.key)
            } else {
                let step = add(.definitions, .createField, .text(Address.field(field.name)), after: ["type": field.type.rawValue],
                               reason: "no custom contact field is named \"\(field.name)\" in Wix",
                               provenance: Provenance(config: field.location),
                               .createField(name: field.name, type: field.type))
                definitionRefs[DefinitionRef(.field, field.name)] = .created(step: step)
            }
            definitionOrder.append(DefinitionBinding(kind: .field, name: field.name, type: field.type,
                                                     key: definitionRefs[DefinitionRef(.field, field.name)]!))
        }
        let liveLabels = Set(live.labels.map(\.key))
        var seen = Set<String>()
        for lead in desired.leads {
            for label in lead.contact.labels ?? [] where seen.insert(label).inserted {
                let remembered = state.definitionKey(.label, label).flatMap { liveLabels.contains($0) ? $0 : nil }
                if let key = remembered ?? live.labels.first(where: { $0.displayName == label })?.key {
                    definitionRefs[DefinitionRef(.label, label)] = .id(key)
                } else {
                    let step = add(.definitions, .createLabel, .text(Address.label(label)),
                                   reason: "no contact label is named \"\(label)\" in Wix",
                                   provenance: Provenance(record: lead.provenance.record), .createLabel(name: label))
                    definitionRefs[DefinitionRef(.label, label)] = .created(step: step)
                }
                definitionOrder.append(DefinitionBinding(kind: .label, name: label,
                                                         key: definitionRefs[DefinitionRef(.label, label)]!))
            }
        }
    }

    /// The steps that create the definitions `contact` needs (its contact step waits for them).
    func definitionSteps(for contact: DesiredContact) -> [Int] {
        let labels = (contact.labels ?? []).map { DefinitionRef(.label, $0) }
        let fields = (contact.custom ?? [:]).keys.map { DefinitionRef(.field, $0) }
        return (labels + fields).compactMap { dependency(definitionRefs[$0]) }
    }

    /// The key of a label or field, when it is known at plan time.
    func knownKey(_ kind: DefinitionKind, _ name: String) -> String? {
        definitionRefs[DefinitionRef(kind, name)]?.knownID
    }

    /// Definitions with step references renumbered like `orderedSteps(_:)`.
    func orderedDefinitions(_ newIds: [Int]) -> [DefinitionBinding] {
        definitionOrder.map { binding in
            var binding = binding
            binding.key = binding.key.remapped(newIds)
            return binding
        }
    }
}
