import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`) and mermaid.js (`scripts/fetch-mermaid.sh`), for tests that
/// check what funnel draws with a browser we did not write. When either is missing a test says why on
/// stderr and passes, except under `CI=true`, where it fails: CI installs both (`.ci/run`).
enum Browser {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where the tests leave their screenshots, PDF and DOM dumps for a person to look at.
    static let artifacts = packageRoot.appendingPathComponent(".build/browser-checks")

    static var chromium: String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["FUNNEL_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var mermaid: URL? {
        let path = ProcessInfo.processInfo.environment["FUNNEL_MERMAID_JS"]
            ?? packageRoot.appendingPathComponent(".tools/mermaid/mermaid.min.js").path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// Chromium, or nil after saying why it is missing (and failing the test under CI=true).
    static func requireChromium(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let chromium { return chromium }
        unavailable("headless Chromium is not installed (apt-get install chromium)", sourceLocation: sourceLocation)
        return nil
    }

    static func requireMermaid(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        if let mermaid { return mermaid }
        unavailable("mermaid.min.js is missing (run scripts/fetch-mermaid.sh)", sourceLocation: sourceLocation)
        return nil
    }

    private static func unavailable(_ reason: String, sourceLocation: SourceLocation) {
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false
        FileHandle.standardError.write(Data("browser check skipped: \(reason)\n".utf8))
        if ci { Issue.record("CI=true and \(reason)", sourceLocation: sourceLocation) }
    }

    /// Runs headless Chromium on `page` with `arguments` (a fresh profile each time, so tests can run
    /// side by side); returns what it printed on stdout.
    static func run(_ chromium: String, _ arguments: [String], page: URL) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--virtual-time-budget=10000"] + arguments + [page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(90)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            throw BrowserError("chromium did not finish within 90 s on \(page.path)")
        }
        guard process.terminationStatus == 0 else {
            throw BrowserError("chromium exited \(process.terminationStatus): \(try String(contentsOf: err, encoding: .utf8).suffix(2000))")
        }
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// The DOM after the page ran (scripts included), as HTML.
    static func dumpDOM(_ chromium: String, _ page: URL) async throws -> String {
        try await run(chromium, ["--dump-dom"], page: page)
    }

    static func screenshot(_ chromium: String, _ page: URL, to png: URL, dark: Bool = false) async throws {
        _ = try await run(chromium, ["--screenshot=\(png.path)", "--window-size=1100,1500"]
                          + (dark ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] : []), page: page)
    }

    /// Prints the page to PDF as a browser's print dialog would (A4 from the page's @page rule); returns the page count.
    static func printedPages(_ chromium: String, _ page: URL, to pdf: URL) async throws -> Int {
        _ = try await run(chromium, ["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"], page: page)
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        return text.matches(of: /\/Type\s*\/Page(?![s])/).count
    }

    /// Text with the five HTML entities Chromium writes in a DOM dump turned back into characters.
    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }
}

struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
