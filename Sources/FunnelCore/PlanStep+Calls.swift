extension PlanStep {
    /// The API calls apply makes for this step when nothing goes wrong, as `StepExecutor` makes them
    /// (`EstimateCallsEndToEndTests` holds the two together on the sandbox): a workflow create reads
    /// its win phase back, a phase move reads where the phase landed, a phase deletion first checks the
    /// phase holds no card, and a contact update reads the contact for its revision, unless it only
    /// adds or removes labels (Label / Unlabel Contact: one call each, no read).
    public var apiCalls: Int {
        switch action {
        case .createWorkflow, .movePhase, .deletePhase:
            return 2
        case .updateContact:
            guard let after, Set(after.keys) == ["labels"] else { return 2 }
            let was = Set(LabelList.parse(before?["labels"] ?? "[]")), now = Set(LabelList.parse(after["labels"] ?? "[]"))
            return (now.subtracting(was).isEmpty ? 0 : 1) + (was.subtracting(now).isEmpty ? 0 : 1)
        default:
            return 1
        }
    }
}
