import Synchronization

/// A thread-safe counter for tests that watch concurrent work progress.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
    func waitFor(_ target: Int) async {
        while value < target { await Task.yield() }
    }
}
