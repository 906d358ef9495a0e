import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelRender

/// `funnel plan`: preview the exact steps that would make Wix match funnel.yaml and the source.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the steps that would make the Wix workflow match funnel.yaml and the source.",
        discussion: """
        Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error, \
        2 changes present (with --detailed-exitcode), 3 a policy gate refused the plan.
        """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var output: PlanOutputOptions
    @Option(help: "Save the plan for `funnel apply PLANFILE`.") var out: String?
    @Flag(help: "Exit 2 when the plan has changes.") var detailedExitcode = false
    @Flag(help: "Let the plan exceed policy.max_archive.") var allowLargeChanges = false
    @OptionGroup var log: LogOptions

    func run() async throws {
        let configuration = try config.load()
        let result = try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                try await PlanUseCase.run(configuration, dependencies: dependencies,
                                          options: PlanOptions(allowLargeChanges: allowLargeChanges))
            }
        }
        for warning in result.mapped.warnings { Terminal.err(warning.description) }
        let plan = result.plan
        Terminal.out(try output.render(plan, environment: Terminal.environment, isTTY: Terminal.stdoutIsTTY))
        if let out {
            try PlanFile.write(plan, to: out)
            if !output.json { Terminal.err("Saved the plan to \(out); apply exactly it with: funnel apply \(out)") }
        }
        if plan.gate?.refused == true { throw ExitCode(3) }
        if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
    }
}
