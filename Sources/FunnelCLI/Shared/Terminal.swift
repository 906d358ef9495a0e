import Foundation
import FunnelRender

/// The terminal: the one place commands write to standard output and error (a trailing newline is
/// added when the text has none), and what they need to know about it.
enum Terminal {
    /// Standard error, where warnings, errors and apply's progress bar go.
    private static let standardError = ProgressLine { FileHandle.standardError.write(Data($0.utf8)) }

    static func out(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

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
