import Synchronization
import Testing
@testable import FunnelCLI

/// Warnings written while apply's bar shows: each stays a whole line and the bar stays last.
@Suite("progress line and the lines printed over it")
struct ProgressLineTests {
    /// What a terminal shows after `\r`, `ESC[K` and `\n`: enough of one to check a bar.
    final class Screen: Sendable {
        private let written = Mutex("")
        func write(_ text: String) { written.withLock { $0 += text } }

        var lines: [String] {
            var lines = [""], column = 0
            var text = Substring(written.withLock { $0 })
            while let character = text.first {
                if text.hasPrefix("\u{1B}[K") {
                    lines[lines.count - 1] = String(lines[lines.count - 1].prefix(column))
                    text = text.dropFirst(3)
                    continue
                }
                switch character {
                case "\r": column = 0
                case "\n": lines.append(""); column = 0
                default:
                    var line = Array(lines[lines.count - 1])
                    if column < line.count { line[column] = character } else { line.append(character) }
                    lines[lines.count - 1] = String(line)
                    column += 1
                }
                text = text.dropFirst()
            }
            return lines
        }
    }

    @Test("a line printed while the bar shows goes above it; the bar is drawn again below")
    func lineOverBar() {
        let screen = Screen()
        let output = ProgressLine { screen.write($0) }
        output.line("Applying 3 steps")
        output.draw("[██····] 1/3 steps")
        output.line("warning: www.wixapis.com answered 503; retry 2 of 6 in 0.3 s")
        output.draw("[████··] 2/3 steps")
        #expect(screen.lines == ["Applying 3 steps", "warning: www.wixapis.com answered 503; retry 2 of 6 in 0.3 s",
                                 "[████··] 2/3 steps"])
        output.draw(nil)
        output.line("Apply complete")
        #expect(screen.lines == ["Applying 3 steps", "warning: www.wixapis.com answered 503; retry 2 of 6 in 0.3 s",
                                 "Apply complete", ""])
    }

    @Test("lines from many tasks at once never mix with the bar or each other")
    func concurrentLines() async {
        let screen = Screen()
        let output = ProgressLine { screen.write($0) }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask { output.line("warning: retry \(index)") }
                group.addTask { output.draw("[bar \(index)]") }
            }
        }
        let lines = screen.lines
        #expect(lines.last?.hasPrefix("[bar ") == true)
        let warnings = lines.dropLast()
        #expect(warnings.count == 50)
        #expect(warnings.allSatisfy { $0.wholeMatch(of: /warning: retry [0-9]+/) != nil }, "\(lines)")
    }
}
