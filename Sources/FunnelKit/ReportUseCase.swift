public import Foundation
public import FunnelConfig
public import FunnelCore
import FunnelPlanner
public import FunnelState

/// `funnel report`: the funnel as it stands in Wix, the moves funnel applied within a window (from the
/// apply journal), the median time cards have spent in their current phase, and the records the
/// source cannot sync. Read-only: it never writes Wix, never takes the lock, never creates a state.
public enum ReportUseCase {
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           since: TimeInterval) async throws -> FunnelReport {
        let (state, runs) = try await readState(configuration)
        // The plan's own path: the same source read, mapping and live read, so the rejected records
        // are exactly those `funnel plan` would list.
        let inputs = try await PlanUseCase.readInputs(configuration, dependencies: dependencies, state: state)
        let (desired, live) = (inputs.desired, inputs.live)
        // A plan that would break Wix's limits still has rejected records worth showing: the mapping's.
        let plan = try? await PlanUseCase.makePlan(configuration, desired: desired, live: live, state: state, mapped: inputs.mapped,
                                             pipeline: inputs.pipeline, readsSince: inputs.readsSince,
                                             dependencies: dependencies, options: PlanOptions()).plan
        let facts = ReportFacts(configPath: configuration.path, workflowName: desired.workflowName, cardSource: desired.cardSource,
                                recordCount: desired.recordCount, rejected: plan?.rejected ?? desired.rejected)
        return report(facts, live: live, state: state, journal: runs, now: dependencies.now(), since: since)
    }

    /// What the report needs from the config and the source besides Wix and the state.
    public struct ReportFacts: Sendable {
        public var configPath: String
        public var workflowName: String
        public var cardSource: String
        public var recordCount: Int
        public var rejected: [RejectedRecord]

        public init(configPath: String, workflowName: String, cardSource: String, recordCount: Int, rejected: [RejectedRecord]) {
            self.configPath = configPath; self.workflowName = workflowName; self.cardSource = cardSource
            self.recordCount = recordCount; self.rejected = rejected
        }
    }

    /// The report of what was read: pure, so every number is testable without Wix.
    public static func report(_ facts: ReportFacts, live: LiveState, state: StateSnapshot, journal: [JournalRun],
                              now: Date, since: TimeInterval) -> FunnelReport {
        let phaseNames = live.phases.map(\.name)
        let stateCards = Set(state.records.values.compactMap(\.cardId))
        let arrivals = JournalArrivals(journal)
        var basis = FunnelReport.TimeInPhaseBasis()

        func place(_ kind: FunnelReport.PlaceCount.Kind, _ name: String, _ cards: [LiveCard]) -> FunnelReport.PlaceCount {
            let owned = cards.filter { $0.source == facts.cardSource || stateCards.contains($0.id) }.count
            // An archived card is off the board: how long ago it left says nothing about the funnel's pace.
            guard kind != .archived else { return FunnelReport.PlaceCount(kind: kind, name: name, cards: cards.count, owned: owned) }
            var days: [Double] = []
            for card in cards {
                if let arrived = arrivals.arrival(of: card.id, at: name) {
                    basis.journal += 1
                    days.append(now.timeIntervalSince(arrived) / 86_400)
                } else if let updated = card.updatedDate.flatMap(ISODate.parse) {
                    basis.updatedDate += 1
                    days.append(now.timeIntervalSince(updated) / 86_400)
                } else {
                    basis.unknown += 1
                }
            }
            return FunnelReport.PlaceCount(kind: kind, name: name, cards: cards.count, owned: owned, medianDaysInPhase: median(days))
        }

        let active = live.cards.filter { !$0.archived }
        let phases = live.phases.map { phase in place(.phase, phase.name, active.filter { $0.phaseId == phase.id }) }
        let win = place(.win, CardFlows.Node.win.label, active.filter { $0.phaseId != nil && $0.phaseId == live.winPhaseId })
        let archived = place(.archived, CardFlows.Node.archived.label, live.cards.filter(\.archived))

        let start = now.addingTimeInterval(-since)
        let recent = journal.filter { run in ISODate.parse(run.startedAt).map { $0 >= start } ?? false }
        let flows = CardFlows(steps: recent.flatMap(JournalArrivals.appliedSteps), phaseOrder: phaseNames)
        let oldest = journal.first.flatMap { ISODate.parse($0.startedAt) }
        // The journal keeps the last runs and drops older ones when a run begins: holding more than it
        // keeps means some were dropped, and they matter only if the window reaches back past the oldest.
        let truncated = journal.count > SQLiteStateStore.keptFinishedRuns && (oldest.map { $0 > start } ?? false)
        let moves = FunnelReport.Moves(flows: flows, runs: recent.count, journalStart: oldest, journalTruncated: truncated)
        return FunnelReport(generatedAt: now, funnelVersion: FunnelVersion.current, configPath: facts.configPath,
                            workflowName: live.workflow?.name ?? facts.workflowName, workflowId: live.workflow?.id,
                            phases: phases, win: win, archived: archived, timeInPhaseBasis: basis, sinceSeconds: since,
                            moves: moves, recordCount: facts.recordCount, rejected: facts.rejected)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The state and its journal as stored; an empty state and journal when there is none yet (nothing is created).
    static func readState(_ configuration: FunnelConfiguration) async throws -> (StateSnapshot, [JournalRun]) {
        do {
            return try await StateStores.withStore(location: configuration.stateLocation, namespace: configuration.stateNamespace,
                                                   createIfMissing: false) { store in
                (try await store.snapshot(), try await store.journalRuns())
            }
        } catch StateStoreError.missing {
            return (.empty(lineage: ""), [])
        }
    }
}
