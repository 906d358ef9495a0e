/// Normalises the emails a contact is matched by, so `Jane@X.com ` and `jane@x.com` are one contact
/// (phones: `PhoneNumber` in FunnelCore, shared with the live reader).
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
