import Synchronization

/// Asks a running apply to stop gracefully: the steps in flight finish and are journaled, no new
/// step starts (SIGINT/SIGTERM in `watch` and `serve`).
public final class StopSignal: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
