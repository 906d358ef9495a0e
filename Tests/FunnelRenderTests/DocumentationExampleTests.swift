import Foundation
import FunnelCore
import FunnelRender
import Testing

@Suite("docs/plan-format.md")
struct DocumentationExampleTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/plan-format.md").standardized

    /// The fenced blocks after `### Example`, in order.
    static func exampleBlocks() throws -> [String] {
        let text = try String(contentsOf: page, encoding: .utf8)
        let example = try #require(text.components(separatedBy: "### Example").last)
        let parts = example.components(separatedBy: "```")
        // Odd parts are fence contents: drop the info string line (`json` or empty).
        return stride(from: 1, to: parts.count, by: 2).map { index in
            parts[index].split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).last.map(String.init) ?? ""
        }
    }

    @Test("the example document is a valid plan and shows as documented")
    func example() throws {
        let blocks = try Self.exampleBlocks()
        try #require(blocks.count == 2)
        let plan = try PlanRenderer.decode(Data(blocks[0].utf8))
        #expect(plan.summary.line == "Plan: 0 to create, 1 to move, 0 to update, 1 to archive.")
        #expect(PlanRenderer.human(plan, options: RenderOptions(color: false, showPersonalData: false)) == blocks[1])
    }
}
