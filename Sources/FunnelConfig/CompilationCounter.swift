import Synchronization

/// A thread-safe count of template compilations, set as `MappingTemplate.compilationCounter` by a test.
public final class CompilationCounter: Sendable {
    private let count = Mutex(0)
    public init() {}
    public var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
