/// "Did you mean …?" for a misspelt config key or value, state address or phase name: the one rule.
public enum Suggestion {
    /// The candidate closest to `word`: equal ignoring case, `_` and `-`, or within a small edit
    /// distance (a third of the word's length, at least 1, at most 3); nil when nothing is close.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let normalizedWord = normalize(word)
        if let exact = candidates.first(where: { normalize($0) == normalizedWord }) { return exact }
        let limit = min(3, max(1, normalizedWord.count / 3))
        let scored = candidates.map { (candidate: $0, distance: distance(normalizedWord, normalize($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.candidate
    }

    private static func normalize(_ text: String) -> [Character] {
        Array(text.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Levenshtein distance (insert, delete, substitute), two rows at a time.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
