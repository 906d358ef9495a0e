import Foundation

/// How long Wix API responses took, counted in buckets an eighth of an octave wide (9 % apart) from
/// 10 µs to ~3 minutes: fixed size however many calls are counted, and two counts subtract, so
/// the response times of one stretch of calls (a plan's reads) have a median.
public struct ResponseTimes: Sendable, Hashable {
    /// `counts[i]`: responses that took from `lowerBound(i)` up to `lowerBound(i + 1)` (the first
    /// bucket also holds everything faster, the last everything slower).
    public private(set) var counts = [Int](repeating: 0, count: Self.buckets)

    static let shortest = 1e-5
    static let perOctave = 8.0
    static let buckets = 8 * 24

    public init() {}

    /// Responses counted.
    public var count: Int { counts.reduce(0, +) }

    mutating func add(seconds: Double) {
        let index = seconds > Self.shortest ? Int((log2(seconds / Self.shortest) * Self.perOctave).rounded(.down)) : 0
        counts[min(max(index, 0), Self.buckets - 1)] += 1
    }

    /// The responses counted since `earlier` (a copy taken before).
    public func since(_ earlier: ResponseTimes) -> ResponseTimes {
        var difference = self
        for index in counts.indices { difference.counts[index] -= earlier.counts[index] }
        return difference
    }

    /// The response time below which a `fraction` of the responses fall (0.5: the median), as the
    /// geometric middle of its bucket (±4.5 %); nil when nothing was counted.
    public func quantile(_ fraction: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= rank { return Self.shortest * exp2((Double(index) + 0.5) / Self.perOctave) }
        }
        return nil
    }
}
