public import FunnelCore
import Foundation

/// Diagnostics as the JSON array `funnel validate --json` prints: one object per diagnostic with
/// `file`, `line`, `column`, `severity` and `message` (`line`/`column` null when unknown).
public enum DiagnosticJSON {
    struct Entry: Encodable {
        var file: String
        var line: Int?
        var column: Int?
        var severity: String
        var message: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case file, line, column, severity, message }
    }

    /// Pretty-printed, keys sorted; `file` is the fallback for diagnostics without a location.
    public static func render(_ diagnostics: [Diagnostic], file: String) -> String {
        guard !diagnostics.isEmpty else { return "[]" }
        let entries = diagnostics.map {
            Entry(file: $0.location?.file ?? file, line: $0.location?.line, column: $0.location?.column,
                  severity: $0.severity.rawValue, message: $0.message)
        }
        guard let data = try? JSONEncoderFactory.pretty.encode(entries) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
