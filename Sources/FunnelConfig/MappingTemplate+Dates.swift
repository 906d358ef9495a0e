import Foundation
import Synchronization

/// The `date` filter: reads the dates CRMs send (ISO-8601 with or without fractions and offsets,
/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, epoch milliseconds) and writes them with a Unicode date
/// pattern in UTC (`date:"dd.MM.yyyy"`; default `yyyy-MM-dd`). Text that is not a date passes unchanged.
enum TemplateDates {
    static let defaultFormat = "yyyy-MM-dd"

    static func reformat(_ text: String, format: String) -> String {
        guard let seconds = parse(text) else { return text }
        if format == defaultFormat { return isoDay(seconds) }
        return formatters.withLock { cache in
            let formatter: DateFormatter
            if let cached = cache[format] { formatter = cached } else {
                formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = format
                cache[format] = formatter
            }
            return formatter.string(from: Date(timeIntervalSince1970: seconds))
        }
    }

    // DateFormatter is costly to make and not thread-safe: one per pattern, used under the lock.
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    /// Seconds since 1970, or nil when `text` is not one of the accepted forms.
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
        if bytes.count >= 10, bytes.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Double(String(decoding: bytes, as: UTF8.self)).map { $0 / 1000 }
        }
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year, month, day) * 86_400)
        if index == bytes.count { return seconds }
        guard expect(0x54) || expect(0x20) || expect(0x74), let hour = number(2), expect(0x3A), let minute = number(2),
              hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(0x3A) {
            guard let second = number(2), second < 61 else { return nil }
            seconds += Double(second)
            if expect(0x2E) || expect(0x2C) {
                var scale = 0.1
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                    seconds += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        if index == bytes.count || expect(0x5A) || expect(0x7A) { return index == bytes.count ? seconds : nil }
        guard index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D else { return nil }
        let sign: Double = bytes[index] == 0x2B ? 1 : -1
        index += 1
        guard let offsetHours = number(2) else { return nil }
        _ = expect(0x3A)
        let offsetMinutes = number(2) ?? 0
        guard index == bytes.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// `yyyy-MM-dd` in UTC without a formatter.
    private static func isoDay(_ seconds: Double) -> String {
        let (year, month, day) = civilFromDays(Int((seconds / 86_400).rounded(.down)))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // Howard Hinnant's days-from-civil and civil-from-days (proleptic Gregorian calendar).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
