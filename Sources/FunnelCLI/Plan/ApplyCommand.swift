import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelKit
import FunnelRender

/// `funnel apply`: converge Wix to the plan, journaled and resumable.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the Wix workflow match funnel.yaml and the source (or apply a saved plan exactly).")

    @Argument(help: "A plan saved by `funnel plan --out`; applied without a prompt after checking it is not stale.")
    var planFile: String?
    @OptionGroup var config: ConfigOptions
    @Flag(help: "Apply without asking for confirmation.") var autoApprove = false
    @Option(help: "Independent steps run at once.") var parallelism = 4
    @Option(help: "Wait this long for the state lock (e.g. 30s, 5m).") var lockTimeout = "0s"
    @Option(help: "Refuse a saved plan older than this.") var maxAge = "24h"
    @Flag(help: "Print NDJSON events (apply_start, step_done, step_failed, summary).") var json = false
    @Flag(help: "Show emails and phones unmasked.") var showPersonalData = false
    @Flag(help: "Let the plan exceed policy.max_archive.") var allowLargeChanges = false
    @Flag(help: "No colour, even on a terminal.") var noColor = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
        guard DurationText.parse(lockTimeout) != nil else { throw ValidationError("--lock-timeout: expected a duration like 30s or 5m, got \"\(lockTimeout)\"") }
        guard DurationText.parse(maxAge) != nil else { throw ValidationError("--max-age: expected a duration like 24h, got \"\(maxAge)\"") }
    }

    func run() async throws {
        let configuration = try config.load()
        let input: ConvergeInput = try planFile.map { .saved(try PlanFile.read($0)) } ?? .plan(.all)
        let options = ConvergeOptions(operation: "apply", parallelism: parallelism, lockTimeout: DurationText.parse(lockTimeout)!,
                                      maxAge: DurationText.parse(maxAge)!, allowLargeChanges: allowLargeChanges)
        let render = RenderOptions.detect(environment: Terminal.environment, isTTY: Terminal.stdoutIsTTY && !noColor,
                                          showPersonalData: showPersonalData)
        let printer = ApplyPrinter(mode: json ? .json : (Terminal.stderrIsTTY && !Terminal.isCI ? .bar : .lines),
                                   render: render)
        let review = ConvergeReview(present: { [json] plan in if !json { Terminal.out(PlanRenderer.human(plan, options: render)) } },
                                    approve: { [autoApprove] _ in try Self.confirm(autoApprove: autoApprove) })
        let outcome = try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                try await Converge.run(configuration, dependencies: dependencies, input: input, options: options,
                                       review: review, events: { printer.handle($0) })
            }
        }
        switch outcome {
        case .unchanged: return
        case .refused(_, let gate): Terminal.err("error: \(gate.message)"); throw ExitCode(3)
        case .declined: Terminal.err("error: apply cancelled; nothing was written."); throw ExitCode(1)
        case .applied(_, let report):
            guard !report.succeeded else { return }
            if !json { Terminal.err("To finish the rest once the cause is fixed: funnel apply -c \(config.config)") }
            throw ExitCode(1)
        }
    }

    /// Asks for `yes` on a terminal; refuses without one unless --auto-approve.
    private static func confirm(autoApprove: Bool) throws -> Bool {
        if autoApprove { return true }
        guard Terminal.stdinIsTTY else {
            throw FunnelError("refusing to apply without confirmation: no terminal to ask on. Pass --auto-approve, or save a reviewed plan with `funnel plan --out plan.json` and run `funnel apply plan.json`.")
        }
        Terminal.errRaw("\nDo you want to apply these changes? Only 'yes' will be accepted: ")
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}
