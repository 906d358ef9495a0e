import Foundation

/// Writes text to the terminal: the one place commands touch standard output and error.
/// A trailing newline is added when the text has none.
enum Output {
    static func standardOutput(_ text: String) { write(text, to: .standardOutput) }

    static func standardError(_ text: String) { write(text, to: .standardError) }

    private static func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
