import Foundation

/// Addresses as `funnel state` and the plan print them.
public enum Address {
    public static let workflow = "workflow"
    public static func phase(_ name: String) -> String { "phase[\(quoted(name))]" }
    public static func contact(_ key: String) -> String { "contact[\(quoted(key))]" }
    public static func card(_ key: String) -> String { "card[\(quoted(key))]" }
    public static func label(_ name: String) -> String { "label[\(quoted(name))]" }
    public static func field(_ name: String) -> String { "field[\(quoted(name))]" }

    static func quoted(_ text: String) -> String {
        // Most keys need no escape: skip Foundation's two passes (each call, for every step of a large plan).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return "\"\(text)\"" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
