import Foundation

/// Normalises the values a contact is matched by, so `Jane@X.com ` and `jane@x.com` are one contact.
enum ContactNormalizer {
    /// Trimmed and lowercased; nil when it is not a plausible address (`local@domain.tld`).
    static func email(_ text: String) -> String? {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, email.count <= 254 else { return nil }
        let forbidden: Set<Character> = [" ", "\t", ",", ";", "<", ">", "(", ")", "[", "]", "\\", "\"", ":"]
        guard !email.contains(where: { forbidden.contains($0) || $0.isNewline }) else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return email
    }

    /// `+` and digits only (`+1 (555) 010-0100` → `+15550100100`; a leading `00` is read as `+`);
    /// nil when fewer than 7 or more than 15 digits remain.
    static func phone(_ text: String) -> String? {
        var digits = text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.hasPrefix("+"), digits.starts(with: ["0", "0"]) { digits.removeFirst(2) }
        guard (7...15).contains(digits.count) else { return nil }
        return "+" + String(digits)
    }
}
