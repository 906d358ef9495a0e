extension Array where Element: Sendable {
    /// `transform` over the elements, at most `width` at a time, the results in the elements' order.
    /// Once `stopLaunching()` returns true no further element is started (the ones in flight finish);
    /// the results of elements never started are nil. Used by the applier (steps of a group) and the
    /// incremental reader (card lists of a webhook batch).
    func concurrentMap<T: Sendable>(width: Int, stopLaunching: @escaping @Sendable () -> Bool = { false },
                                    _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T?] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            func launchNext() {
                guard next < count, !stopLaunching() else { return }
                let index = next
                let element = self[index]
                group.addTask { (index, try await transform(element)) }
                next += 1
            }
            for _ in 0..<Swift.min(Swift.max(1, width), count) { launchNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                launchNext()
            }
            return results
        }
    }
}
