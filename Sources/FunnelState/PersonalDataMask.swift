/// Masks emails and phone numbers for output (`i***@example.com`, `+33******78`); the CLI shows
/// them in clear only with `--show-personal-data`.
public enum PersonalDataMask {
    /// `ivan@example.com` → `i***@example.com`; text without `@` is fully masked.
    public static func email(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return "***" }
        return String(value[value.startIndex]) + "***" + value[at...]
    }

    /// `+33612345678` → `+33*******78`: keeps a leading `+` with two digits and the last two
    /// characters, one `*` per hidden character. Short values are fully masked.
    public static func phone(_ value: String) -> String {
        let characters = Array(value)
        let head = value.hasPrefix("+") ? 3 : 2
        guard characters.count > head + 3 else { return String(repeating: "*", count: characters.count) }
        return String(characters[..<head]) + String(repeating: "*", count: characters.count - head - 2)
            + String(characters[(characters.count - 2)...])
    }

    /// Masks a `funnel state show` line by its key: `email`, `phone`, and `identity` (`email:…`,
    /// `phone:…`); other values are returned unchanged.
    public static func value(_ value: String, forKey key: String) -> String {
        switch key {
        case "email": return email(value)
        case "phone": return phone(value)
        case "identity":
            if value.hasPrefix("email:") { return "email:" + email(String(value.dropFirst(6))) }
            if value.hasPrefix("phone:") { return "phone:" + phone(String(value.dropFirst(6))) }
            return value
        default: return value
        }
    }
}
