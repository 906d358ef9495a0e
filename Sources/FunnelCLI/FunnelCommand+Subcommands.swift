import ArgumentParser

extension FunnelCommand {
    /// Every subcommand, in the order `funnel --help` lists them.
    /// Add one line per command; keep the list sorted by the user journey.
    static let allSubcommands: [any ParsableCommand.Type] = [
        InitCommand.self,
        ValidateCommand.self,
        SchemaCommand.self,
        DoctorCommand.self,
        SourceCommand.self,
        PlanCommand.self,
        ApplyCommand.self,
        WatchCommand.self,
        ServeCommand.self,
        StatusCommand.self,
        ReportCommand.self,
        SandboxCommand.self,
        ShowCommand.self,
        StateCommand.self,
        ForceUnlockCommand.self,
    ]
}
