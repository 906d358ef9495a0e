extension AsyncSequence {
    /// Every element, in order (query results here are small, or wanted whole).
    func all() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}
