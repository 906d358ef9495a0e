import Foundation
import FunnelRender

/// What commands need to know about the terminal; writing goes through `Output`.
enum Terminal {
    /// Standard error, where warnings, errors and apply's progress bar go.
    private static let standardError = ProgressLine { FileHandle.standardError.write(Data($0.utf8)) }

    static func out(_ text: String) { Output.standardOutput(text) }

    static func err(_ text: String) { standardError.line(text) }

    /// `warning: TEXT` on stderr, emails and phones masked: for events a person should see as they
    /// happen (a retried request) without them being errors.
    static func warn(_ text: String) {
        err("warning: " + PersonalData.maskText(text))
    }

    /// Draws `line` in place of the current progress line on stderr; nil clears it.
    static func drawProgress(_ line: String?) { standardError.draw(line) }

    /// Writes without a newline (a prompt).
    static func errRaw(_ text: String) { standardError.raw(text) }

    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// CI systems set `CI`; progress then prints plain lines instead of a bar.
    static var isCI: Bool { environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false }
}

/// `30s`, `5m`, `1h`, `24h`, `500ms`, or a bare number of seconds.
struct DurationText {
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)), value >= 0 else { return nil }
            return .milliseconds(Int64((value * scale * 1000).rounded()))
        }
        return Double(trimmed).flatMap { $0 >= 0 ? .milliseconds(Int64(($0 * 1000).rounded())) : nil }
    }
}
