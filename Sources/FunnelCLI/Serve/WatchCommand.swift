import ArgumentParser
import FunnelKit
import FunnelServe

/// `funnel watch`: plan and apply every interval, only when the plan has changes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Keep Wix in sync: plan and apply on an interval (with jitter), only when there are changes.",
        discussion: "One line per cycle. Ctrl-C or SIGTERM finishes the steps in flight and exits. See docs/watch-serve.md.")

    @OptionGroup var config: ConfigOptions
    @Option(help: "Time between cycles (e.g. 30s, 5m, 1h).") var interval = "1m"
    @Option(help: "How long a cycle waits for the state lock held by another apply.") var lockTimeout = "60s"
    @Option(help: "Independent steps run at once.") var parallelism = 4
    @OptionGroup var log: LogOptions

    func validate() throws {
        try SyncOptionCheck.positive(interval, "--interval")
        try SyncOptionCheck.positive(lockTimeout, "--lock-timeout", allowZero: true)
    }

    func run() async throws {
        let configuration = try config.load()
        try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                let reconciler = FunnelReconciler(configuration: configuration, dependencies: dependencies,
                                                  lockTimeout: DurationText.parse(lockTimeout)!, parallelism: parallelism)
                let runner = ReconcileRunner(reconciler: reconciler, metrics: ServeMetrics(), report: { Terminal.out($0.line) })
                Terminal.out("watching \(config.config) every \(interval); Ctrl-C to stop")
                try await WatchSession.run(runner: runner, schedule: CycleSchedule(interval: DurationText.parse(interval)!),
                                           logger: dependencies.logger)
                Terminal.out("stopped")
            }
        }
    }
}

/// Checks of the duration options `watch` and `serve` share.
enum SyncOptionCheck {
    static func positive(_ text: String, _ name: String, allowZero: Bool = false) throws {
        guard let duration = DurationText.parse(text), allowZero || duration > .zero else {
            throw ValidationError("\(name): expected a duration like 30s, 5m or 1h, got \"\(text)\"")
        }
    }
}
