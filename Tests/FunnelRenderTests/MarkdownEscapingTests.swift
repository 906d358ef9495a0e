@testable import FunnelRender
import FunnelCore
import FunnelTestSupport
import Testing

@Suite("Markdown escaping")
struct MarkdownEscapingTests {
    @Test("values from the CRM cannot inject markup or break a table", arguments: [
        ("<b>|*x*", "\\<b>\\|\\*x\\*"),
        ("$win and $archive", "\\$win and \\$archive"),
        ("line\nbreak", "line break"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("a -> b", "a -> b"),
    ])
    func text(input: String, escaped: String) {
        #expect(Markdown.text(input) == escaped)
    }

    @Test("code spans hold backticks and pipes", arguments: [
        ("card[\"L-1\"]", "`card[\"L-1\"]`"),
        ("a`b", "``a`b``"),
        ("`x`", "`` `x` ``"),
        ("a|b", "`a\\|b`"),
        ("", ""),
    ])
    func code(input: String, span: String) {
        #expect(Markdown.code(input) == span)
    }

    @Test("a hostile card name stays inside its table row")
    func hostileName() {
        var plan = PlanFixtures.noChangesWithReports
        plan.unowned = [UnownedCard(cardId: "c|1", name: "</details>\n| x | y |", source: "<script>", phase: nil,
                                    archived: false)]
        let markdown = PlanRenderer.markdown(plan, options: RenderOptions(color: false, showPersonalData: false))
        let row = markdown.split(separator: "\n").first { $0.contains("c\\|1") }
        #expect(row == "| `c\\|1` | \\</details> \\| x \\| y \\| | no phase | \\<script> |")
    }
}
