import ArgumentParser

extension BenchCommand {
    /// One line per benchmark subcommand.
    static let all: [any ParsableCommand.Type] = [
        ConfigBench.self,
        EmulatorBench.self,
        EmulatorPersistenceBench.self,
        ClientBench.self,
        StateStoreBench.self,
        StateCrashBench.self,
        SourcesBench.self,
        RenderBench.self,
        PlannerBench.self,
        PlanCallsBench.self,
        ApplyBench.self,
        EstimateBench.self,
        FleetBench.self,
        ServeBench.self,
    ]
}
