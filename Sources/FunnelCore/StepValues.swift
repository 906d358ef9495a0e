/// A step's shown values (`before` / `after`), as compact as the plan can hold them: the entries in
/// one array sorted by key. A plan of a million records holds one or two of these per step, and a
/// two-entry `Dictionary` is a ~200 B hash table on the heap where this is 96 B; that difference was
/// the largest part of the planner's peak memory over its goal (issue #15, BENCHMARKS.md). The planner
/// builds them directly (a literal, `subscript`); everyone else reads `PlanStep.before` / `after` as
/// dictionaries.
public struct StepValues: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    struct Entry: Sendable, Hashable {
        let key: String
        var value: String
    }

    /// Sorted by key; keys are unique.
    private var entries: [Entry]

    public init(_ values: [String: String]) {
        self.init(pairs: values.map { ($0.key, $0.value) })
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(pairs: elements)
    }

    /// Pairs with unique keys, in any order.
    public init(pairs: [(String, String)]) {
        var entries: [Entry] = []
        entries.reserveCapacity(pairs.count)
        for (key, value) in pairs { entries.append(Entry(key: key, value: value)) }
        entries.sort { $0.key < $1.key }
        precondition(zip(entries, entries.dropFirst()).allSatisfy { $0.key != $1.key }, "StepValues: a key given twice")
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> String? {
        get {
            let index = position(of: key)
            return index < entries.count && entries[index].key == key ? entries[index].value : nil
        }
        set {
            let index = position(of: key)
            let found = index < entries.count && entries[index].key == key
            switch (found, newValue) {
            case (true, let value?): entries[index].value = value
            case (true, nil): entries.remove(at: index)
            case (false, let value?): entries.insert(Entry(key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    public var dictionary: [String: String] {
        var values: [String: String] = [:]
        values.reserveCapacity(entries.count)
        for entry in entries { values[entry.key] = entry.value }
        return values
    }

    /// The first index whose key is not below `key` (binary search).
    private func position(of key: String) -> Int {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
