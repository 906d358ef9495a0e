import Foundation

/// Reads interval options: `500ms`, `30s`, `5m`, `1h`, `1m30s`, or a bare number of seconds.
public enum IntervalText {
    /// The duration, or nil when the text is not one (zero and negative included).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = Double(trimmed) { return seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : nil }
        var total = Duration.zero
        var number = ""
        var unit = ""
        var matched = false
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return false
            }
            total += .milliseconds(Int64(value * scale * 1000))
            number = ""; unit = ""; matched = true
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isLetter {
                unit.append(character)
            } else {
                return nil
            }
        }
        guard flush(), matched, total > .zero else { return nil }
        return total
    }
}
