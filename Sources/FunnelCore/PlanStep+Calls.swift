extension PlanStep {
    /// The API calls apply makes for this step when nothing goes wrong, as `StepExecutor` makes them
    /// (`EstimateCallsEndToEndTests` holds the two together on the sandbox): a workflow create reads
    /// its win phase back, a phase move reads where the phase landed, a phase deletion first checks the
    /// phase holds no card, and a contact update reads the contact for its revision, unless it changes
    /// labels alone (Label / Unlabel Contact: one call each, no read).
    public var apiCalls: Int {
        switch action {
        case .createWorkflow, .movePhase, .deletePhase:
            return 2
        case .updateContact:
            guard changesLabelsAlone else { return 2 }
            let labels = labelChange
            return (labels?.adding.isEmpty == false ? 1 : 0) + (labels?.removing.isEmpty == false ? 1 : 0)
        default:
            return 1
        }
    }

    /// A contact update's labels, from its `labels` before and after: the display names it adds and
    /// those it removes, in the plan's order; nil when it changes no label.
    public var labelChange: (adding: [String], removing: [String])? {
        guard let after = after?["labels"] else { return nil }
        let was = LabelList.parse(before?["labels"] ?? "[]"), now = LabelList.parse(after)
        return (now.filter { !was.contains($0) }, was.filter { !now.contains($0) })
    }

    /// Whether a contact update changes nothing but labels: apply then labels and unlabels the
    /// contact, with no read and no revision.
    public var changesLabelsAlone: Bool { (after ?? [:]).keys.allSatisfy { $0 == "labels" } }
}
