import Foundation

/// The JSON `GET /healthz` answers: `status` is `ok`, `starting` (no cycle yet) or `failing`
/// (the last interval or webhook cycle failed).
struct HealthDocument: Encodable, Sendable {
    struct Cycle: Encodable, Sendable {
        var number: Int
        var trigger: String
        var startedAt: Date
        var durationSeconds: Double
        var outcome: String
        var line: String
    }

    var status: String
    var cycles: Int
    var consecutiveFailures: Int
    var lastCycle: Cycle?
    var lastSuccess: Date?

    init(_ health: ReconcileRunner.Health) {
        cycles = health.cycles
        consecutiveFailures = health.consecutiveFailures
        lastSuccess = health.lastSuccess
        status = health.lastCycle == nil ? "starting" : health.consecutiveFailures > 0 ? "failing" : "ok"
        lastCycle = health.lastCycle.map { report in
            let trigger = switch report.trigger {
            case .interval: "interval"
            case .webhook: "webhook"
            }
            let outcome = switch report.result {
            case .failed: "failed"
            case .finished(let outcome):
                switch outcome.kind {
                case .unchanged: "unchanged"
                case .applied: "applied"
                case .refused: "refused"
                }
            }
            return Cycle(number: report.number, trigger: trigger, startedAt: report.startedAt,
                         durationSeconds: report.duration.seconds, outcome: outcome, line: report.line)
        }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data(#"{"status":"unknown"}"#.utf8)
    }
}
