/// Normalises the values a contact is matched by, so `Jane@X.com ` and `jane@x.com` are one contact.
enum ContactNormalizer {
    /// Trimmed and lowercased; nil when it is not a plausible address (`local@domain.tld`: one `@`,
    /// no spaces or `,;:<>()[]\"`, a domain of non-empty labels not starting or ending with `-`, a
    /// top-level label of 2+ letters).
    static func email(_ text: String) -> String? {
        let email = text.trimmedWhitespace().lowercased()
        let bytes = Array(email.utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at <= 64,
              bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return nil }
        if bytes.contains(where: { $0 <= 0x20 || forbidden.contains($0) }) { return nil }
        let domain = bytes[(at + 1)...]
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") }),
              let tld = labels.last, tld.count >= 2,
              tld.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 >= 0x80 }) else { return nil }
        return email
    }

    private static let forbidden: Set<UInt8> = Set(",;:<>()[]\\\"".utf8)

    /// `+` and digits only (`+1 (555) 010-0100` → `+15550100100`; a leading `00` is read as `+`);
    /// nil when fewer than 7 or more than 15 digits remain.
    static func phone(_ text: String) -> String? {
        var digits: [UInt8] = []
        var leadingPlus = false
        for byte in text.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits.append(byte) }
            else if byte == UInt8(ascii: "+"), digits.isEmpty { leadingPlus = true }
        }
        if !leadingPlus, digits.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "0")]) { digits.removeFirst(2) }
        guard (7...15).contains(digits.count) else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }
}

extension String {
    /// Without surrounding whitespace and line breaks; returns `self` untouched (no copy) in the common case.
    func trimmedWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) || byte >= 0x80 }
        guard isSpace(first) || isSpace(last) else { return self }
        return String(unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
            .map(Character.init))
    }
}
