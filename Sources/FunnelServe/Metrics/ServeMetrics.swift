import Foundation
public import Prometheus

/// The counters `GET /metrics` exposes, in the Prometheus text format (swift-prometheus):
/// `funnel_cycles_total{trigger,outcome}`, `funnel_steps_applied_total{action}`,
/// `funnel_steps_failed_total`, `funnel_cycle_failures_total`, `funnel_api_calls_total`,
/// `funnel_webhooks_total{provider,verdict}`, `funnel_last_success_timestamp_seconds`,
/// `funnel_cycle_duration_seconds`. Under `serve --funnels DIR` every funnel has its own
/// `ServeMetrics` on one shared registry, each series labelled `funnel="NAME"`.
public final class ServeMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let labels: [(String, String)]
    private let failures: Counter
    private let stepsFailed: Counter
    private let apiCalls: Counter
    private let lastSuccess: Gauge
    private let duration: DurationHistogram

    /// - Parameters:
    ///   - registry: where the series live; funnels of one fleet share one.
    ///   - funnel: the `funnel` label of every series (fleet mode); nil for a single funnel.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), funnel: String? = nil) {
        self.registry = registry
        let labels = funnel.map { [("funnel", $0)] } ?? []
        self.labels = labels
        failures = registry.makeCounter(descriptor: Self.name("cycle_failures", "total", "Cycles that failed with an error."),
                                        labels: labels)
        stepsFailed = registry.makeCounter(descriptor: Self.name("steps_failed", "total", "Apply steps that failed."), labels: labels)
        apiCalls = registry.makeCounter(descriptor: Self.name("api_calls", "total", "Wix API requests sent by cycles."), labels: labels)
        lastSuccess = registry.makeGauge(descriptor: Self.name(
            "last_success_timestamp", "seconds", "Unix time of the last cycle that finished without failures."), labels: labels)
        duration = registry.makeDurationHistogram(
            descriptor: Self.name("cycle_duration", "seconds", "Time a reconcile cycle took."), labels: labels,
            buckets: [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                      .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60)])
    }

    /// Counts one cycle.
    public func record(_ report: CycleReport) {
        let trigger = switch report.trigger {
        case .interval: "interval"
        case .webhook: "webhook"
        }
        let outcome: String
        switch report.result {
        case .failed:
            outcome = "failed"
            failures.increment()
        case .finished(let result):
            switch result.kind {
            case .unchanged: outcome = "unchanged"
            case .applied: outcome = "applied"
            case .refused: outcome = "refused"
            }
            for (action, count) in result.stepsApplied where count > 0 {
                registry.makeCounter(descriptor: Self.stepsApplied, labels: labels + [("action", action)]).increment(by: Int64(count))
            }
            if result.stepsFailed > 0 { stepsFailed.increment(by: Int64(result.stepsFailed)) }
            if result.apiCalls > 0 { apiCalls.increment(by: Int64(result.apiCalls)) }
        }
        registry.makeCounter(descriptor: Self.cycles, labels: labels + [("trigger", trigger), ("outcome", outcome)]).increment()
        duration.recordNanoseconds(report.duration.nanoseconds)
        if report.succeeded {
            lastSuccess.set((report.startedAt.timeIntervalSince1970 + report.duration.seconds).rounded())
        }
    }

    /// Counts one webhook request: `verdict` is `accepted`, `rejected` (401) or `invalid` (400).
    public func recordWebhook(provider: String, verdict: String) {
        registry.makeCounter(descriptor: Self.webhooks, labels: labels + [("provider", provider), ("verdict", verdict)]).increment()
    }

    private static var stepsApplied: MetricNameDescriptor { name("steps_applied", "total", "Apply steps that succeeded, by action.") }
    private static var cycles: MetricNameDescriptor { name("cycles", "total", "Reconcile cycles, by trigger and outcome.") }
    private static var webhooks: MetricNameDescriptor { name("webhooks", "total", "Webhook requests, by provider and verdict.") }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "funnel", metricName: metric, unitName: unit, helpText: help)
    }

    /// The exposition document.
    public func render() -> String {
        registry.emitToString()
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
