import Foundation
import FunnelCore

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
