import Foundation
import FunnelCore

/// Wording the report views share.
enum ReportDisplay {
    /// `30 d`, `12 h`, `45 min`: the window as `--since` would say it.
    static func window(_ seconds: Double) -> String {
        if seconds >= 86_400, (seconds / 86_400).rounded() == seconds / 86_400 { return "\(Int(seconds / 86_400)) d" }
        if seconds >= 3600, (seconds / 3600).rounded() == seconds / 3600 { return "\(Int(seconds / 3600)) h" }
        return PlanDisplay.duration(seconds)
    }

    /// `12 d`, `3.5 d`, `5 h`, `< 1 h`; `—` for none.
    static func days(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value >= 10 { return "\(Int(value.rounded())) d" }
        if value >= 1 { return String(format: "%.1f d", value) }
        let hours = Int((value * 24).rounded())
        return hours < 1 ? "< 1 h" : "\(hours) h"
    }

    static func cards(_ count: Int) -> String { "\(count) \(count == 1 ? "card" : "cards")" }

    /// `42 cards: 30 in phases, 5 won, 7 archived.`
    static func totals(_ report: FunnelReport) -> String {
        let inPhases = report.phases.reduce(0) { $0 + $1.cards }
        return "\(cards(report.totalCards)): \(inPhases) in phases, \(report.win.cards) won, \(report.archived.cards) archived."
    }

    /// `Moves funnel applied in the last 30 d: 25 cards in 3 apply runs.`
    static func movesLine(_ report: FunnelReport) -> String {
        let moves = report.moves
        let runs = moves.runs == 1 ? "1 apply run" : "\(moves.runs) apply runs"
        return "Moves funnel applied in the last \(window(report.sinceSeconds)): \(cards(moves.flows.totalCards)) in \(runs)."
    }

    /// Says how far back the journal reaches, when it reaches less far than the window.
    static func journalNote(_ report: FunnelReport) -> String? {
        guard let start = report.moves.journalStart else {
            return "The apply journal is empty: funnel has applied nothing with this state yet."
        }
        guard report.moves.journalTruncated else { return nil }
        return "The journal keeps only the last apply runs; the oldest it holds began \(PlanDisplay.timestamp(start)), "
            + "so moves applied before then are not counted."
    }

    /// How the median time in phase was measured.
    static func basis(_ report: FunnelReport) -> String {
        let basis = report.timeInPhaseBasis
        var parts = ["\(cards(basis.journal)) timed from the journal (since funnel put them there)",
                     "\(basis.updatedDate) from their last change in Wix (a lower bound)"]
        if basis.unknown > 0 { parts.append("\(basis.unknown) without a date") }
        return "Time in the current phase: " + parts.joined(separator: ", ") + "."
    }

    /// `No rejected records: all 25 source records map.`
    static func noRejected(_ report: FunnelReport) -> String {
        "No rejected records: all \(report.recordCount) source records map."
    }

    /// `Lead Funnel (id wf-1)` or `Lead Funnel (not in Wix yet)`.
    static func workflow(_ report: FunnelReport) -> String {
        "\(report.workflowName) (\(report.workflowId.map { "id \($0)" } ?? "not in Wix yet"))"
    }

    static func generated(_ report: FunnelReport) -> String {
        "Generated \(PlanDisplay.timestamp(report.generatedAt)) by funnel \(report.funnelVersion) from \(report.configPath)."
    }
}
