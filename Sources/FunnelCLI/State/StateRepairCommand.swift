import ArgumentParser
import FunnelCore
import FunnelKit
import FunnelRender
import FunnelState

/// `funnel state repair`: moves a damaged state file aside and shows the adoption plan creates nothing.
struct StateRepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Move a damaged state file aside and check that the next plan adopts what exists in Wix.",
        discussion: """
            A sound state is left alone. A damaged one is renamed to STATE.damaged-<UTC time> (with its -wal and \
            -shm files; nothing is deleted), then a plan is made without it, reading Wix only. \
            Exit codes: 0 nothing to repair, or the adoption plan creates nothing; 1 error; \
            2 the adoption plan would create objects (listed: new records, or objects deleted in Wix).
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var log: LogOptions

    func run() async throws {
        let configuration = try config.load()
        let report = try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                try await StateRepairUseCase.run(configuration, dependencies: dependencies)
            }
        }
        switch report.health {
        case .sound: Terminal.out("The state at \(report.path) is sound: nothing to repair.")
        case .missing: Terminal.out("There is no state at \(report.path): nothing to move aside.")
        case .damaged(let reason): Terminal.out("The state at \(report.path) is damaged (\(reason)).")
        }
        if let moved = report.movedTo { Terminal.out("Moved it aside to \(moved) (nothing was deleted).") }
        guard let plan = report.adoption else { return }
        let creates = plan.steps.filter { $0.action.kind == .create }
        Terminal.out("Adoption plan without a state: \(plan.summary.line)")
        if creates.isEmpty {
            Terminal.out("It creates nothing: everything funnel made is found again in Wix. "
                         + "`funnel plan -c \(config.config)` shows the rest; the next apply starts a new state.")
            return
        }
        Terminal.out("It would create \(creates.count) object\(creates.count == 1 ? "" : "s") Wix does not hold:")
        for step in creates { Terminal.out(PersonalData.maskText("  + \(step.action.rawValue) \(step.address): \(step.reason)")) }
        Terminal.out("These are new records or objects deleted in Wix, not duplicates; review them with `funnel plan -c \(config.config)`.")
        throw ExitCode(2)
    }
}
