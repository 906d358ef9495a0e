import ArgumentParser
import FunnelKit
import FunnelServe

/// `funnel serve`: what `watch` does, plus CRM webhooks, `/healthz` and `/metrics`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive CRM webhooks and reconcile just the records they name; also plan and apply on an interval.",
        discussion: """
            Routes: POST /hooks/hubspot (HUBSPOT_CLIENT_SECRET), POST /hooks/pipedrive (PIPEDRIVE_WEBHOOK_USER, \
            PIPEDRIVE_WEBHOOK_PASSWORD), POST /hooks/generic (FUNNEL_WEBHOOK_SECRET), GET /healthz, GET /metrics. \
            See docs/watch-serve.md.
            """)

    @OptionGroup var config: ConfigOptions
    @Option(help: "A folder of funnel configs (one *.yaml per Wix site) to serve together; -c is then ignored.")
    var funnels: String?
    @Option(help: "With --funnels: workers in this process (each runs one funnel's cycle at a time).") var workers = 4
    @Option(help: "With --funnels: how long a worker's claim on a funnel lasts without renewal (a dead worker's funnels move on after it).")
    var lease = "30s"
    @Option(help: "With --funnels: after SIGTERM, how long cycles in flight may take to finish their started steps before the process exits anyway.")
    var stopTimeout = "30s"
    @Option(help: "With --funnels: a cycle running longer than this is considered stuck, stopped and retried.")
    var cycleTimeout = "30m"
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free port.") var port = 8080
    @Option(help: "Time between whole-funnel cycles (e.g. 5m).") var interval = "5m"
    @Option(help: "The public base URL the CRM calls (HubSpot signs it), e.g. https://hooks.example.com.") var publicURL: String?
    @Option(help: "How long a cycle waits for the state lock held by another apply.") var lockTimeout = "60s"
    @Option(help: "Independent steps run at once.") var parallelism = 4
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        try SyncOptionCheck.positive(interval, "--interval")
        try SyncOptionCheck.positive(lockTimeout, "--lock-timeout", allowZero: true)
        try SyncOptionCheck.positive(lease, "--lease")
        try SyncOptionCheck.positive(stopTimeout, "--stop-timeout", allowZero: true)
        try SyncOptionCheck.positive(cycleTimeout, "--cycle-timeout")
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1, got \(workers)") }
    }

    func run() async throws {
        if let funnels { return try await runFleet(directory: funnels) }
        let configuration = try config.load()
        try await Failures.report {
            try await LiveDependencies.with(configuration, log: log) { dependencies in
                let metrics = ServeMetrics()
                let reconciler = FunnelReconciler(configuration: configuration, dependencies: dependencies,
                                                  lockTimeout: DurationText.parse(lockTimeout)!, parallelism: parallelism)
                let runner = ReconcileRunner(reconciler: reconciler, metrics: metrics, report: { Terminal.out($0.line) })
                let webhooks = WebhookSettings.fromEnvironment(Terminal.environment, publicURL: publicURL)
                let server = try await ServeServer.start(
                    .init(host: host, port: port, schedule: CycleSchedule(interval: DurationText.parse(interval)!), stopOnSignals: true),
                    webhooks: webhooks, runner: runner, metrics: metrics, logger: dependencies.logger)
                let receivers = webhooks.enabledReceivers.isEmpty ? "none (set the secrets)" : webhooks.enabledReceivers.joined(separator: ", ")
                Terminal.out("listening on \(server.baseURL); webhooks: \(receivers); Ctrl-C to stop")
                try await server.waitUntilStopped()
                Terminal.out("stopped")
            }
        }
    }
}
