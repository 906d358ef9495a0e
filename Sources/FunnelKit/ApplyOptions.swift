public struct ApplyOptions: Sendable {
    public var parallelism: Int
    /// A saved plan older than this is refused (default 24 h).
    public var maxAge: Duration
    /// Requested by SIGINT/SIGTERM: finish the steps in flight, start no new one.
    public var stop: StopSignal?

    public init(parallelism: Int = 4, maxAge: Duration = .seconds(86_400), stop: StopSignal? = nil) {
        self.parallelism = parallelism; self.maxAge = maxAge; self.stop = stop
    }
}
