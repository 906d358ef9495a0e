import Foundation

/// Masks emails and phone numbers so a plan can be shown in a terminal, a CI log or a pull request.
public enum PersonalData {
    /// `ilse@example.com` → `i***@example.com`: the first character and the domain stay readable.
    public static func maskEmail(_ email: String) -> String {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard let at = trimmed.lastIndex(of: "@") else { return trimmed.isEmpty ? "" : "***" }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...]
        return "\(local.first.map(String.init) ?? "")***@\(domain)"
    }

    /// `+33 6 12 34 56 78` → `+33******78`: the leading `+`, the first and last two digits; the number of
    /// hidden digits is not revealed.
    public static func maskPhone(_ phone: String) -> String {
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "" }
        let digits = trimmed.filter(\.isASCIIDigit)
        let plus = trimmed.hasPrefix("+") ? "+" : ""
        guard digits.count >= 6 else { return plus + "******" }
        return "\(plus)\(digits.prefix(2))******\(digits.suffix(2))"
    }

    /// Masks every email- or phone-looking token inside free text (reasons, notes, card names), leaving the
    /// rest as it is. Dates (`2026-11-29`) and numbers inside ids are not phone numbers.
    public static func maskText(_ text: String) -> String {
        // Cheap pre-checks: most reasons hold neither an `@` nor a long run of digits.
        var result = text
        if result.contains("@") {
            result = result.replacing(emailPattern) { maskEmail(String($0.output)) }
        }
        if result.count(where: \.isASCIIDigit) >= minimumPhoneDigits {
            let source = result
            result = source.replacing(phonePattern) { match in
                let token = String(match.output)
                return isPhone(token, in: source, range: match.range) ? maskPhone(token) : token
            }
        }
        return result
    }

    /// Fewer digits than this is a count, a line number or a date, not a phone number.
    static let minimumPhoneDigits = 8

    /// Anything around an `@` up to a space or a delimiter, so malformed addresses (`bob@@example`) are masked too.
    nonisolated(unsafe) static let emailPattern = #/[^\s"'`<>()\[\]{},;|]+@[^\s"'`<>()\[\]{},;|]+/#
    nonisolated(unsafe) static let phonePattern = #/\+?\(?[0-9][0-9().\- ]{5,}[0-9]/#
    nonisolated(unsafe) static let isoDatePattern = #/[0-9]{4}-[0-9]{2}-[0-9]{2}.*/#

    /// A candidate is a phone when it stands alone (not inside an id or a word), has enough digits
    /// (8 with a `+`, 9 without), and is not an ISO date.
    static func isPhone(_ token: String, in text: String, range: Range<String.Index>) -> Bool {
        if range.lowerBound > text.startIndex {
            let before = text[text.index(before: range.lowerBound)]
            if before.isLetter || before.isNumber || "-_./:#".contains(before) { return false }
        }
        if range.upperBound < text.endIndex {
            let after = text[range.upperBound]
            if after.isLetter || after.isNumber || "-_/".contains(after) { return false }
        }
        let digits = token.count(where: \.isASCIIDigit)
        if digits < (token.hasPrefix("+") ? minimumPhoneDigits : minimumPhoneDigits + 1) { return false }
        return (try? isoDatePattern.wholeMatch(in: token)) == nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
