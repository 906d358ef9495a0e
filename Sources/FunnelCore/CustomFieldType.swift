import Foundation

/// The type of a Wix custom contact field (Extended Fields API `dataType`), as `contact.custom` declares it.
public enum CustomFieldType: String, Sendable, Codable, Hashable, CaseIterable {
    case text, number, date, url

    /// The Extended Fields API's `dataType`: `TEXT`, `NUMBER`, `DATE`, `URL`.
    public var wixDataType: String { rawValue.uppercased() }

    public init?(wixDataType: String) {
        self.init(rawValue: wixDataType.lowercased())
    }

    /// The value in its one canonical text form (`1500`, `12.5`, `2026-03-31`), or why it is not one
    /// of this type. The planner compares canonical forms, so `1500.0` in Wix equals `1500` in the CRM.
    public func normalize(_ text: String) -> Result<String, CustomFieldValueError> {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .text:
            return .success(value)
        case .number:
            guard let number = Self.number(value) else { return .failure(.init(value: value, expected: "a number")) }
            return .success(Self.canonical(number))
        case .date:
            guard let date = Self.date(value) else { return .failure(.init(value: value, expected: "a date written YYYY-MM-DD")) }
            return .success(date)
        case .url:
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = url.host, !host.isEmpty else {
                return .failure(.init(value: value, expected: "an http or https URL"))
            }
            return .success(value)
        }
    }

    /// A number as written in a CRM: `1500`, `-3`, `1500.50`, `1e3` (no thousands separators, no currency).
    static func number(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              Double(text)?.isFinite == true else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func canonical(_ number: Decimal) -> String {
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 10, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// `YYYY-MM-DD` that is a real calendar day; a full ISO-8601 timestamp keeps its date part.
    static func date(_ text: String) -> String? {
        let day = text.count > 10 && text.dropFirst(10).first == "T" ? String(text.prefix(10)) : text
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              (1...12).contains(month), dayOfMonth >= 1 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first), days.contains(dayOfMonth) else { return nil }
        return day
    }
}
