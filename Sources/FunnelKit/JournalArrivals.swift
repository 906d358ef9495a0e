import Foundation
import FunnelCore
import FunnelState

/// When funnel last put each card where it is, read from the apply journal: the start of the run whose
/// applied create, move, win or restore took the card there.
struct JournalArrivals {
    private var arrivals: [String: (place: String, at: Date)] = [:]

    /// `runs` oldest first (as the journal returns them), so a later arrival replaces an earlier one.
    init(_ runs: [JournalRun]) {
        for run in runs {
            guard let started = ISODate.parse(run.startedAt) else { continue }
            for (journalStep, step) in Self.applied(run) {
                guard let path = CardFlows.path(of: step), path.to != .archived,
                      let card = Self.cardId(step, resultId: journalStep.resultId) else { continue }
                arrivals[card] = (path.to.label, started)
            }
        }
    }

    /// When the card arrived at `place` (a phase name or `Win`), if the journal says funnel put it there.
    func arrival(of card: String, at place: String) -> Date? {
        guard let arrival = arrivals[card], arrival.place == place else { return nil }
        return arrival.at
    }

    /// The plan steps of a run that reached Wix (`done`), decoded from the journal's payload.
    static func appliedSteps(_ run: JournalRun) -> [PlanStep] { applied(run).map(\.1) }

    private static func applied(_ run: JournalRun) -> [(JournalStep, PlanStep)] {
        let decoder = JSONDecoder()
        return run.steps.compactMap { step in
            guard step.status == .done, let decoded = try? decoder.decode(PlanStep.self, from: step.payload) else { return nil }
            return (step, decoded)
        }
    }

    /// The card a step acts on: the id a create produced, else the one its operation names.
    private static func cardId(_ step: PlanStep, resultId: String?) -> String? {
        switch step.operation {
        case .createCard: resultId
        case .moveCard(let card, _), .restoreCard(let card, _), .archiveCard(let card): card
        default: nil
        }
    }
}
