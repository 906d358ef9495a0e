#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// ISO-8601 UTC timestamps as the Wix examples write them: `2021-06-08T11:17:49.050Z` (workflows,
/// contacts) and `2021-06-08T11:21:10Z` (cards). Formatted by hand: it runs on every write.
enum Timestamp {
    static func now(milliseconds: Bool = true) -> String {
        format(Date(), milliseconds: milliseconds)
    }

    static func format(_ date: Date, milliseconds: Bool) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let millis = Int((interval - Double(seconds)) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        text += "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if milliseconds { text += ".\(pad(Int32(millis), 3))" }
        return text + "Z"
    }

    /// A card's `dueDate` as sent (an RFC 3339 timestamp, as a protobuf `Timestamp` is written in JSON), read
    /// back in UTC the way proto3 prints it: no fraction when there is none (`2027-01-15T08:00:00Z`), else
    /// milliseconds; always milliseconds under `due-date-millis`. `""` clears it; a bare date is a 400.
    static func dueDate(_ text: String?, rules: SiteRules) throws(WixError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw .invalid("dueDate", "must be an RFC 3339 timestamp such as 2027-01-15T08:00:00Z, got \"\(text)\"", rule: "FORMAT")
        }
        let hasMillis = date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) != 0
        return format(date, milliseconds: hasMillis || rules.plays(.dueDateMillis))
    }
}
