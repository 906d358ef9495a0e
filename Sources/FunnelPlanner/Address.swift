import Foundation
import FunnelCore

/// Addresses as `funnel state` and the plan print them.
public enum Address {
    public static let workflow = "workflow"
    public static func phase(_ name: String) -> String { "phase[\(quoted(name))]" }
    public static func contact(_ key: String) -> String { "contact[\(quoted(key))]" }
    public static func card(_ key: String) -> String { "card[\(quoted(key))]" }
    public static func label(_ name: String) -> String { "label[\(quoted(name))]" }
    public static func field(_ name: String) -> String { "field[\(quoted(name))]" }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
