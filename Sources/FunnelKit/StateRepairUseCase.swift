public import Foundation
public import FunnelConfig
public import FunnelCore
public import FunnelState

/// `funnel state repair`: moves a damaged SQLite state aside, then plans without it to show that
/// the plan adopts what exists in Wix instead of creating it again.
public enum StateRepairUseCase {
    public struct Report: Sendable {
        /// The state file.
        public var path: String
        /// How the file looked before anything was done.
        public var health: SQLiteStateStore.Health
        /// Where the damaged file went; nil when nothing was moved.
        public var movedTo: String?
        /// The plan made without the old state; nil when the state was sound (nothing to check).
        public var adoption: Plan?
    }

    /// Moves the state aside only when it is damaged (a sound one is left alone), then plans.
    public static func run(_ configuration: FunnelConfiguration, dependencies: FunnelDependencies,
                           now: Date = Date()) async throws -> Report {
        guard case .sqlite(let path) = configuration.stateLocation else {
            throw FunnelError("state repair works on a SQLite state file; \(configuration.stateLocation) is a PostgreSQL "
                              + "database, which keeps its own integrity (see docs/state.md)")
        }
        let health = try SQLiteStateStore.health(path: path)
        var report = Report(path: path, health: health)
        switch health {
        case .sound:
            return report
        case .damaged:
            report.movedTo = try SQLiteStateStore.moveAside(path: path, at: now)
        case .missing:
            break
        }
        report.adoption = try await PlanUseCase.run(configuration, dependencies: dependencies, options: PlanOptions()).plan
        return report
    }
}
