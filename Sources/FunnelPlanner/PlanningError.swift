import FunnelCore

/// A plan the planner could not make: Wix limits that the desired state would break.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}
