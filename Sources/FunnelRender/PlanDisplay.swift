import Foundation
import FunnelCore

/// Wording shared by the human and markdown views, so both say the same thing the same way.
enum PlanDisplay {
    /// A run of steps shown under one heading (`Cards` gathers the four card groups).
    struct Section {
        var title: String
        var steps: [PlanStep]
    }

    static func title(of group: StepGroup) -> String {
        switch group {
        case .workflow: "Workflow"
        case .phases: "Phases"
        case .definitions: "Labels and custom fields"
        case .contacts: "Contacts"
        case .cardArchive, .cardMove, .cardCreate, .cardUpdate: "Cards"
        case .phaseRemoval: "Phase removal"
        }
    }

    /// Steps in `StepGroup` order (stable inside a group), cut into titled sections.
    static func sections(_ steps: [PlanStep]) -> [Section] {
        let ordered = steps.enumerated().sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }
        var sections: [Section] = []
        for (_, step) in ordered {
            let title = title(of: step.group)
            if sections.last?.title == title {
                sections[sections.count - 1].steps.append(step)
            } else {
                sections.append(Section(title: title, steps: [step]))
            }
        }
        return sections
    }

    /// Keys shown first, in this order; the others follow alphabetically.
    static let keyOrder = ["name", "phase", "position", "first", "last", "email", "phone", "company", "job_title",
                           "description", "source"]

    static func orderedKeys(_ keys: some Collection<String>) -> [String] {
        keys.sorted { lhs, rhs in
            let left = keyOrder.firstIndex(of: lhs) ?? keyOrder.count
            let right = keyOrder.firstIndex(of: rhs) ?? keyOrder.count
            return (left, lhs) < (right, rhs)
        }
    }

    /// What the step changes: `Qualified -> Proposal Sent` (a card's phase), `name: Ilse K -> Ilse Keller`,
    /// `name: Ilse Keller, phase: New Lead`, `Lost -> archived`.
    static func change(_ step: PlanStep) -> String {
        switch (step.before, step.after) {
        case (nil, nil):
            return ""
        case (nil, let after?):
            if step.action == .createField, let type = after["type"] { return type }
            return listing(after)
        case (let before?, nil):
            let gone = step.action.kind == .delete ? "deleted" : "archived"
            let was = before.count == 1 ? shown(before.first!.value) : listing(before)
            return was.isEmpty ? gone : "\(was) -> \(gone)"
        case (let before?, let after?):
            let changed = orderedKeys(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
            if changed.isEmpty { return listing(after) }
            if changed == ["phase"] {
                return "\(shown(before[changed[0]])) -> \(shown(after[changed[0]]))"
            }
            return changed.map { "\($0): \(shown(before[$0])) -> \(shown(after[$0]))" }.joined(separator: ", ")
        }
    }

    static func listing(_ values: [String: String]) -> String {
        orderedKeys(values.keys).map { "\($0): \(shown(values[$0]))" }.joined(separator: ", ")
    }

    static func shown(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return value.isEmpty ? "\"\"" : value
    }

    /// `leads.csv:15, funnel.yaml:27:14`: the source record, then the config line (relative to the
    /// config's folder when it lies inside it).
    static func provenance(_ provenance: Provenance, configPath: String) -> String {
        var parts: [String] = []
        if let record = provenance.record, !record.isEmpty {
            parts.append(record)
        } else if let key = provenance.recordKey, !key.isEmpty {
            parts.append("record \(key)")
        }
        if let config = provenance.config {
            parts.append(SourceLocation(file: relative(config.file, to: configPath), line: config.line,
                                        column: config.column).description)
        }
        return parts.joined(separator: ", ")
    }

    static func relative(_ file: String, to configPath: String) -> String {
        let folder = (configPath as NSString).deletingLastPathComponent
        guard !folder.isEmpty, file.hasPrefix(folder + "/") else { return file }
        return String(file.dropFirst(folder.count + 1))
    }

    /// `No changes. Wix matches funnel.yaml and the source.`
    static func noChanges(_ plan: Plan) -> String {
        let config = (plan.configPath as NSString).lastPathComponent
        return "No changes. Wix matches \(config.isEmpty ? "the config" : config) and the source."
    }

    /// `Phases: 2 to delete.`, only when a phase is deleted.
    static func phaseDeletions(_ summary: PlanSummary) -> String? {
        summary.delete > 0 ? "Phases: \(summary.delete) to delete." : nil
    }

    /// `Apply will make 42 API calls (about 13 s at 200 requests/minute).`
    static func estimate(_ estimate: CallEstimate) -> String {
        let calls = estimate.apiCalls == 1 ? "1 API call" : "\(estimate.apiCalls) API calls"
        let basis = estimate.basis.isEmpty ? "" : " at \(estimate.basis)"
        return "Apply will make \(calls) (about \(duration(estimate.seconds))\(basis))."
    }

    /// `1 s`, `1 min 40 s`, `2 h 5 min`; never `0 s`.
    static func duration(_ seconds: Double) -> String {
        let total = max(1, Int(seconds.rounded(.up)))
        if total < 60 { return "\(total) s" }
        if total < 3600 {
            let minutes = total / 60, rest = total % 60
            return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
        }
        let hours = total / 3600, minutes = (total % 3600) / 60
        return minutes == 0 ? "\(hours) h" : "\(hours) h \(minutes) min"
    }

    /// `Lead Funnel (wf-123)` or `Lead Funnel (created by this plan)`.
    static func workflow(_ plan: Plan) -> String {
        "\(plan.workflowName) (\(plan.workflowId.map { "id \($0)" } ?? "created by this plan"))"
    }

    /// `New Lead (id 1, open)`.
    static func stage(_ stage: PipelineInfo.Stage) -> String {
        stage.kind.isEmpty ? "\(stage.label) (id \(stage.id))" : "\(stage.label) (id \(stage.id), \(stage.kind))"
    }

    static func drift(_ resolution: String) -> String {
        switch resolution {
        case "revert": "reverted by this plan, policy.drift is revert"
        case "keep": "kept as set in Wix, policy.drift is keep"
        default: resolution
        }
    }

    /// `in Contacted, source "Website", card c-123` / `archived, no source, card c-9`.
    static func unowned(_ card: UnownedCard) -> String {
        let place = card.archived ? "archived" : card.phase.map { "in \($0)" } ?? "no phase"
        let source = card.source.map { "source \"\($0)\"" } ?? "no source"
        return "\(place), \(source), card \(card.cardId)"
    }

    static func rejectedKey(_ record: RejectedRecord) -> String {
        guard let key = record.key, !key.isEmpty else { return "(no key)" }
        return key
    }

    /// `2026-11-29 08:37 UTC`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
