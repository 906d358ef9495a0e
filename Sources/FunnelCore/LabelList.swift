import Foundation

/// A label list as plan steps show it and apply reads it back: `["From My CRM", "Owner: Dana"]` (JSON).
public enum LabelList {
    public static func format(_ labels: [String]) -> String {
        guard let data = try? JSONEncoder().encode(labels) else { return "[]" }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\",\"", with: "\", \"")
    }

    public static func parse(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
