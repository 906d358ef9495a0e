import FunnelCore

/// The Terraform-like terminal view: header, steps by group, the report sections, the summary lines.
struct HumanPlanView {
    let plan: Plan
    let style: ANSIStyle
    private var lines: [String] = []

    init(plan: Plan, color: Bool) {
        self.plan = plan
        self.style = ANSIStyle(enabled: color)
    }

    func render() -> String {
        var view = self
        view.header()
        view.steps()
        view.reports()
        view.footer()
        return view.lines.joined(separator: "\n") + "\n"
    }

    private mutating func header() {
        lines.append("Workflow:  \(PlanDisplay.workflow(plan))")
        lines.append("Config:    \(plan.configPath)")
        lines.append("State:     serial \(plan.stateSerial), lineage \(plan.stateLineage.isEmpty ? "(new)" : plan.stateLineage)")
        lines.append("Source:    \(plan.recordCount) \(plan.recordCount == 1 ? "record" : "records")")
        if let pipeline = plan.pipeline {
            lines.append("Pipeline:  \(pipeline.name) (id \(pipeline.id))")
            lines += pipeline.stages.map { "             \(PlanDisplay.stage($0))" }
        }
        lines.append("Planned:   \(PlanDisplay.timestamp(plan.createdAt)) by funnel \(plan.funnelVersion)")
    }

    private mutating func steps() {
        guard plan.hasChanges else { return }
        lines.append("")
        lines.append("funnel will make these changes, in this order:")
        for section in PlanDisplay.sections(plan.steps) {
            lines.append("")
            lines.append(style.bold("\(section.title) (\(section.steps.count))"))
            for step in section.steps { append(step) }
        }
    }

    private mutating func append(_ step: PlanStep) {
        let change = PlanDisplay.change(step)
        lines.append("  \(style.symbol(step.action)) \(step.address)\(change.isEmpty ? "" : "  \(change)")")
        let provenance = PlanDisplay.provenance(step.provenance, configPath: plan.configPath)
        let why = [step.reason, provenance.isEmpty ? "" : style.dim("(\(provenance))")].filter { !$0.isEmpty }
        if !why.isEmpty { lines.append("       " + why.joined(separator: "  ")) }
    }

    private mutating func reports() {
        section("Drift (changed by hand in Wix)", plan.drift) {
            "\($0.address)  \($0.description)  (\(PlanDisplay.drift($0.resolution)))"
        }
        section("Rejected records (\(plan.rejected.count), not synced)", plan.rejected) { record in
            let location = record.location.map { "  (\($0))" } ?? ""
            return "\(PlanDisplay.rejectedKey(record))  \(record.reason)\(location)"
        }
        section("Cards funnel does not own (left alone)", plan.unowned) {
            "\($0.name)  \(PlanDisplay.unowned($0))"
        }
        section("Notes", plan.notes) { "- \($0)" }
    }

    private mutating func section<Item>(_ title: String, _ items: [Item], _ line: (Item) -> String) {
        guard !items.isEmpty else { return }
        lines.append("")
        lines.append(style.bold(title + ":"))
        lines += items.map { "  " + line($0) }
    }

    private mutating func footer() {
        lines.append("")
        if plan.hasChanges {
            let summary = plan.summary
            lines.append(summary.line)
            if let deletions = PlanDisplay.phaseDeletions(summary) { lines.append(deletions) }
            lines.append(PlanDisplay.estimate(plan.estimate))
            lines += FlowTable.lines(CardFlows(plan: plan), title: "Card moves")
        } else {
            lines.append(PlanDisplay.noChanges(plan))
        }
        if let gate = plan.gate, !gate.message.isEmpty {
            lines.append("")
            lines.append(gate.refused ? style.refusal("Refused: \(gate.message)") : style.yellow("Note: \(gate.message)"))
        }
    }
}
