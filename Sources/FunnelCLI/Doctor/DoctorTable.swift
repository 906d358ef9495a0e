import Foundation
import FunnelCore
import FunnelKit

/// The `funnel doctor` table: check | what funnel assumes | what the site answered | verdict.
enum DoctorTable {
    static func render(_ report: DoctorReport, wrote: Bool) -> String {
        let header = ["CHECK", "FUNNEL ASSUMES", "SITE ANSWERED", "VERDICT"]
        let rows = report.checks.map { check in
            [check.id, check.assumes, check.detail,
             check.ok ? (check.variant ? "ok (alternative reading)" : "ok") : "FAIL"]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < 2 { widths[index] = max(widths[index], cell.count) } }
        widths[2] = min(max(widths[2], rows.map { $0[2].count }.max() ?? 0), 90)
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : fit(cell, widths[index]).padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let failed = report.checks.filter { !$0.ok }
        var text = ([format(header)] + rows.map(format)).joined(separator: "\n") + "\n"
        for check in failed where check.detail.count > widths[2] { text += "\n\(check.id): \(check.detail)" }
        if !failed.isEmpty { text += failed.contains { $0.detail.count > widths[2] } ? "\n" : "" }
        text += report.ok
            ? "\nfunnel works on this site." + (wrote ? "" : " Run `funnel doctor --write` to settle the open readings too.")
            : "\nfunnel will not work correctly on this site: \(failed.count) check(s) failed."
        return text
    }

    private static func fit(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }
}
