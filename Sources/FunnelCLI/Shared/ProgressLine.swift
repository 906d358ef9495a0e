import Synchronization

/// Lines written to a stream that may also hold a progress line redrawn in place with `\r`
/// (apply's bar). A line written while the bar shows clears it, prints, and draws it again
/// below, so a warning from another task (a retry) never cuts the bar in half.
final class ProgressLine: Sendable {
    private let current = Mutex<String?>(nil)
    private let write: @Sendable (String) -> Void

    /// - Parameter write: writes raw text (no newline added).
    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `text` as whole lines, above the progress line if one shows.
    func line(_ text: String) {
        guard !text.isEmpty else { return }
        current.withLock { bar in
            write((bar != nil ? "\r\u{1B}[K" : "") + (text.hasSuffix("\n") ? text : text + "\n") + (bar ?? ""))
        }
    }

    /// Draws `bar` in place of the current progress line; nil clears it.
    func draw(_ bar: String?) {
        current.withLock { shown in
            shown = bar
            write("\r\u{1B}[K" + (bar ?? ""))
        }
    }

    /// Writes raw text (a prompt), without touching the progress line.
    func raw(_ text: String) {
        current.withLock { _ in write(text) }
    }
}
