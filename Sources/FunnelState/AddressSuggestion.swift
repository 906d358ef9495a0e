/// Finds the address a user most likely meant, for "unknown address … did you mean …?".
public enum AddressSuggestion {
    /// The candidate closest to `text` by edit distance, when it is close enough to be a typo
    /// (at most a third of the longer string, and at least 2 edits allowed).
    public static func nearest(to text: String, among candidates: [String]) -> String? {
        let target = Array(text)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate), limit: best?.distance)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(2, max(target.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// Levenshtein distance; stops early (returning more than `limit`) once a row exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int? = nil) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if let limit, rowMinimum > limit { return rowMinimum }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
