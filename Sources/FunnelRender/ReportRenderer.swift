import Foundation
import FunnelCore

/// Draws a `FunnelReport` (`funnel report`): bar charts for a terminal, Markdown for a pull request or
/// a job summary, one self-contained HTML page, and the JSON document of docs/report.md. Pure: no I/O.
/// Personal data in rejected records is masked unless `options.showPersonalData`, as in plans.
public enum ReportRenderer {
    /// Bar charts of block characters, `width` columns wide (the terminal's `COLUMNS`, else 80).
    public static func text(_ report: FunnelReport, options: RenderOptions, width: Int = 80) -> String {
        ReportTextView(report: prepared(report, options), width: width, style: ANSIStyle(enabled: options.color)).render()
    }

    /// The Mermaid flow of the moves and tables of the numbers.
    public static func markdown(_ report: FunnelReport, options: RenderOptions) -> String {
        ReportMarkdownView(report: prepared(report, options)).render()
    }

    /// One HTML file with inline SVG and CSS (no script, no network), light and dark, one printed page.
    public static func html(_ report: FunnelReport, options: RenderOptions) -> String {
        ReportHTMLView(report: prepared(report, options)).render()
    }

    /// The JSON document (docs/report.md): snake_case, sorted keys, pretty-printed.
    public static func json(_ report: FunnelReport, options: RenderOptions) throws -> String {
        let document = ReportDocument(prepared(report, options), personalDataMasked: !options.showPersonalData)
        return String(decoding: try PlanDocumentCoding.encoder.encode(document), as: UTF8.self) + "\n"
    }

    static func prepared(_ report: FunnelReport, _ options: RenderOptions) -> FunnelReport {
        guard !options.showPersonalData else { return report }
        var report = report
        report.rejected = report.rejected.map(PersonalData.masked)
        return report
    }
}
