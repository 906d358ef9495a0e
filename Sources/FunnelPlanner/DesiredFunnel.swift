import Foundation
import FunnelCore

/// Everything the config and the source say Wix should hold: the planner's first input.
public struct DesiredFunnel: Sendable {
    public var workflowName: String
    public var workflowDescription: String?
    /// `workflow.id`, when the user pinned one.
    public var pinnedWorkflowId: String?
    public var phases: [DesiredPhase]
    /// `card.source`: the cards funnel owns.
    public var cardSource: String
    public var leads: [DesiredLead]
    public var rejected: [RejectedRecord]
    public var recordCount: Int
    /// `.all` plans the whole workflow; `.records(keys)` only those records (a webhook's incremental
    /// reconcile): no other card is treated as missing and phases are not removed.
    public var scope: Scope
    /// `contact.custom`: the custom fields the contacts carry, in the order written.
    public var customFields: [CustomFieldDefinition] = []
    /// `contact.update`: field (built-in or custom display name) → who owns it; absent = `always`.
    public var updateRules: [String: UpdateRule] = [:]

    public enum Scope: Sendable, Hashable {
        case all
        case records(Set<String>)
    }

    public init(workflowName: String, workflowDescription: String? = nil, pinnedWorkflowId: String? = nil,
                phases: [DesiredPhase], cardSource: String, leads: [DesiredLead], rejected: [RejectedRecord] = [],
                recordCount: Int? = nil, scope: Scope = .all) {
        self.workflowName = workflowName; self.workflowDescription = workflowDescription
        self.pinnedWorkflowId = pinnedWorkflowId; self.phases = phases; self.cardSource = cardSource
        self.leads = leads; self.rejected = rejected; self.recordCount = recordCount ?? (leads.count + rejected.count)
        self.scope = scope
    }
}

/// `policy:` as the planner applies it.
public struct PlanPolicy: Sendable {
    public enum Missing: String, Sendable { case archive, keep }
    public enum Drift: String, Sendable { case revert, keep }
    /// `policy.max_archive`: how many owned cards one plan may archive.
    public enum ArchiveLimit: Sendable, Hashable {
        /// Exactly this many; `0` allows no archive at all.
        case count(Int)
        /// This share of the owned live cards, rounded up and at least 1 (so no funnel is frozen by
        /// its size); `0%` allows no archive at all, like the count `0`.
        case percent(Double)

        /// The number of archives allowed when the workflow holds `ownedLive` owned, non-archived cards.
        public func allowed(ownedLive: Int) -> Int {
            switch self {
            case .count(let count):
                return count
            case .percent(let percent):
                guard percent > 0 else { return 0 }
                // The tolerance keeps a share that is a whole number in decimal (12.5% of 8 = 1)
                // from being pushed up by binary rounding.
                let exact = Double(ownedLive) * percent / 100
                return max(1, Int((exact - 1e-9).rounded(.up)))
            }
        }
    }

    public var missing: Missing
    public var drift: Drift
    public var maxArchive: ArchiveLimit
    public var deletePhases: Bool
    /// `--allow-large-changes`: the blast-radius gate reports but does not refuse.
    public var allowLargeChanges: Bool
    /// Where each policy was written, for provenance.
    public var missingLocation: SourceLocation?
    public var driftLocation: SourceLocation?
    public var maxArchiveLocation: SourceLocation?

    public init(missing: Missing = .archive, drift: Drift = .revert, maxArchive: ArchiveLimit = .percent(10),
                deletePhases: Bool = true, allowLargeChanges: Bool = false, missingLocation: SourceLocation? = nil,
                driftLocation: SourceLocation? = nil, maxArchiveLocation: SourceLocation? = nil) {
        self.missing = missing; self.drift = drift; self.maxArchive = maxArchive; self.deletePhases = deletePhases
        self.allowLargeChanges = allowLargeChanges; self.missingLocation = missingLocation
        self.driftLocation = driftLocation; self.maxArchiveLocation = maxArchiveLocation
    }
}

/// Facts about the run that end up in the plan document.
public struct PlanContext: Sendable {
    public var createdAt: Date
    public var funnelVersion: String
    public var configPath: String
    public var configDigest: String
    public var sourceDigest: String
    /// Requests per minute the client will be held to (nil = unlimited).
    public var requestsPerMinute: Int?
    public var parallelism: Int
    /// Seconds one call takes: measured while the plan read Wix, else assumed (`measured` false).
    public var secondsPerCall: Double
    /// Whether `secondsPerCall` was measured (the plan read something) or is the assumed default.
    public var latencyMeasured: Bool
    /// API calls made while reading Wix for this plan.
    public var planReadCalls: Int
    public var pipeline: PipelineInfo?

    /// Assumed seconds per call when the plan read nothing to time.
    public static let assumedSecondsPerCall = 0.05

    public init(createdAt: Date = Date(), funnelVersion: String, configPath: String, configDigest: String,
                sourceDigest: String, requestsPerMinute: Int? = nil, parallelism: Int = 4,
                secondsPerCall: Double? = nil, planReadCalls: Int = 0, pipeline: PipelineInfo? = nil) {
        self.createdAt = createdAt; self.funnelVersion = funnelVersion; self.configPath = configPath
        self.configDigest = configDigest; self.sourceDigest = sourceDigest; self.requestsPerMinute = requestsPerMinute
        self.parallelism = parallelism; self.secondsPerCall = secondsPerCall ?? Self.assumedSecondsPerCall
        self.latencyMeasured = secondsPerCall != nil; self.planReadCalls = planReadCalls
        self.pipeline = pipeline
    }
}

/// A plan the planner could not make: Wix limits that the desired state would break.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}
