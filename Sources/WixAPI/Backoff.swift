import Foundation

/// Exponential backoff with full jitter, honouring the server's `Retry-After`.
struct Backoff: Sendable {
    var base: Duration
    var maximum: Duration

    /// The wait before attempt `retry + 1`, where `retry` counts retries from 1.
    /// - Parameter unit: a random number in `0...1` (injected so the arithmetic is testable).
    func delay(retry: Int, retryAfter: Duration?, unit: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(maximum, base * (1 << exponent))
        let jittered = ceiling * unit
        // Retry-After is a floor: wait at least that long, plus a little jitter so the callers
        // it released do not all return in the same millisecond.
        if let retryAfter { return retryAfter + base * unit }
        return jittered
    }

    /// Parses `Retry-After`: delta-seconds (`"2"`, `"0.5"`) or an HTTP-date.
    static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
