import Foundation

/// Renders Mermaid source with the real mermaid.js in headless Chromium, as GitHub does for a
/// ```` ```mermaid ```` block: a page loads mermaid.min.js from a file, calls `mermaid.render`, and
/// writes the SVG (or the parse error) into the DOM, which `--dump-dom` returns.
struct MermaidRendering {
    /// `rendered`, or `error: …` with Mermaid's message.
    var status: String
    var svg: String
    /// The text of every node label, entities decoded.
    var nodeLabels: [String]
    /// The text of every edge label.
    var edgeLabels: [String]

    /// - Parameter screenshot: where to save a picture of the rendered diagram, if anywhere.
    static func render(_ source: String, chromium: String, mermaid: URL, in directory: URL,
                       screenshot: URL? = nil) async throws -> MermaidRendering {
        // JSON is a JavaScript string literal; `</` is escaped so no name can close the script element.
        let literal = String(decoding: try JSONEncoder().encode(source), as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
        let page = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><script src="\(mermaid.absoluteString)"></script></head>
            <body><pre id="status">pending</pre><div id="diagram"></div>
            <script>
            mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
            mermaid.render("funnel-flow", \(literal))
              .then(function (result) {
                document.getElementById("diagram").innerHTML = result.svg;
                document.getElementById("status").textContent = "rendered";
              })
              .catch(function (error) {
                document.getElementById("status").textContent = "error: " + (error && error.message ? error.message : error);
              });
            </script></body></html>
            """
        let url = directory.appendingPathComponent("mermaid-\(UUID().uuidString).html")
        try Data(page.utf8).write(to: url)
        let dom = try await Browser.dumpDOM(chromium, url)
        if let screenshot { try await Browser.screenshot(chromium, url, to: screenshot) }
        let status = dom.firstMatch(of: /<pre id="status">([^<]*)<\/pre>/).map { Browser.unescape(String($0.1)) } ?? "no status"
        let svg = dom.firstMatch(of: /<svg[\s\S]*<\/svg>/).map { String($0.0) } ?? ""
        func texts(_ pattern: Regex<(Substring, Substring)>) -> [String] {
            svg.matches(of: pattern).map { match in
                Browser.unescape(String(match.1).replacing(/<[^>]+>/, with: "")).trimmingCharacters(in: .whitespaces)
            }
        }
        return MermaidRendering(status: status, svg: svg,
                                nodeLabels: texts(/<span class="nodeLabel"[^>]*>([\s\S]*?)<\/span>/),
                                edgeLabels: texts(/<span class="edgeLabel"[^>]*>([\s\S]*?)<\/span>/).filter { !$0.isEmpty })
    }

    /// The source inside the first ```` ```mermaid ```` fence of a Markdown document.
    static func block(in markdown: String) -> String? {
        markdown.firstMatch(of: /```mermaid\n([\s\S]*?)\n```/).map { String($0.1) }
    }
}
