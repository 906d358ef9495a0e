public struct PlanOptions: Sendable {
    public var allowLargeChanges: Bool
    public var parallelism: Int

    public init(allowLargeChanges: Bool = false, parallelism: Int = 4) {
        self.allowLargeChanges = allowLargeChanges; self.parallelism = parallelism
    }
}
