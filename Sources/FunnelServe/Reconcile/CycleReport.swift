public import Foundation

/// One cycle as the runner saw it: the line `funnel watch` prints, the `/healthz` document, metrics.
public struct CycleReport: Sendable, Hashable {
    public enum Trigger: Sendable, Hashable {
        /// The interval timer: the whole funnel.
        case interval
        /// A webhook batch naming this many records.
        case webhook(records: Int)
    }

    public enum Result: Sendable, Hashable {
        case finished(CycleOutcome)
        case failed(message: String)
    }

    /// 1, 2, 3, … over the life of the runner.
    public var number: Int
    public var trigger: Trigger
    public var startedAt: Date
    public var duration: Duration
    public var result: Result
    /// When the next interval cycle runs (interval cycles only).
    public var nextRun: Date?

    public init(number: Int, trigger: Trigger, startedAt: Date, duration: Duration, result: Result, nextRun: Date? = nil) {
        self.number = number; self.trigger = trigger; self.startedAt = startedAt; self.duration = duration
        self.result = result; self.nextRun = nextRun
    }

    /// True when the cycle finished and was not refused (it counts as the last success).
    public var succeeded: Bool {
        guard case .finished(let outcome) = result else { return false }
        if case .refused = outcome.kind { return false }
        return outcome.stepsFailed == 0
    }

    /// `cycle 3 (interval): 2 changes applied (Plan: 1 to create, 1 to move.) in 0.42 s; next run at 10:15:03`
    public var line: String {
        let scope = switch trigger {
        case .interval: "interval"
        case .webhook(let records): "webhook, \(records) record\(records == 1 ? "" : "s")"
        }
        var text = "cycle \(number) (\(scope)): "
        switch result {
        case .failed(let message):
            text += "failed: \(message)"
        case .finished(let outcome):
            switch outcome.kind {
            case .unchanged: text += "no changes"
            case .refused(let reason): text += "refused by policy, nothing written: \(reason)"
            case .applied:
                let applied = outcome.stepsAppliedTotal
                text += "\(applied) change\(applied == 1 ? "" : "s") applied"
                if !outcome.planSummary.isEmpty { text += " (\(outcome.planSummary))" }
                if outcome.stepsFailed > 0 { text += ", \(outcome.stepsFailed) failed" }
                if outcome.stepsSkipped > 0 { text += ", \(outcome.stepsSkipped) not started (stopping)" }
            }
        }
        text += " in " + Self.seconds(duration)
        if let nextRun { text += "; next run at " + Self.clockTime(nextRun) }
        return text
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", value)
    }

    static func clockTime(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .current).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }
}
