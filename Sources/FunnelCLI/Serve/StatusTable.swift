import Foundation
import FunnelServe

/// The `funnel status` table.
enum StatusTable {
    /// `FUNNEL  LAST SUCCESS  PENDING  WORKER  LAST ERROR`, one line per funnel, then a summary line.
    static func render(_ rows: [FunnelStatus]) -> String {
        let header = ["FUNNEL", "LAST SUCCESS", "PENDING", "WORKER", "LAST ERROR"]
        let lines = rows.map { row in
            [row.name,
             row.lastSuccess.map { $0.formatted(.iso8601) } ?? (row.lastError == nil ? "never" : "-"),
             String(row.pending),
             row.worker ?? "-",
             row.lastError.map { oneLine($0, limit: 80) } ?? "-"]
        }
        var widths = header.map(\.count)
        for line in lines { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let failing = rows.filter { $0.lastError != nil }.count
        let busy = rows.filter { $0.worker != nil }.count
        let pending = rows.map(\.pending).reduce(0, +)
        return ([format(header)] + lines.map(format)).joined(separator: "\n")
            + "\n\(rows.count) funnels: \(failing) failing, \(busy) being reconciled, \(pending) pending changes."
    }

    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
