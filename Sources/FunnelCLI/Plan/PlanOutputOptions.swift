import ArgumentParser
import FunnelCore
import FunnelRender

/// The text formats of a plan (`--format`); `--json` selects the JSON document.
enum PlanTextFormat: String, CaseIterable, ExpressibleByArgument {
    case human, markdown
}

/// How a plan is printed: the flags `funnel show` (and `funnel plan`) share.
struct PlanOutputOptions: ParsableArguments {
    @Flag(help: "Print the versioned JSON plan document (docs/plan-format.md).")
    var json = false

    @Option(help: "The text format: human (the terminal view) or markdown (a pull-request comment).")
    var format: PlanTextFormat?

    @Flag(help: "Show emails and phone numbers instead of masking them.")
    var showPersonalData = false

    @Flag(help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    func validate() throws {
        if json, format != nil { throw ValidationError("--json and --format cannot be used together") }
    }

    func renderOptions(environment: [String: String], isTTY: Bool) -> RenderOptions {
        var options = RenderOptions.detect(environment: environment, isTTY: isTTY, showPersonalData: showPersonalData)
        if noColor { options.color = false }
        return options
    }

    func render(_ plan: Plan, environment: [String: String], isTTY: Bool) throws -> String {
        let options = renderOptions(environment: environment, isTTY: isTTY)
        if json { return try PlanRenderer.json(plan, options: options) }
        switch format ?? .human {
        case .human: return PlanRenderer.human(plan, options: options)
        case .markdown: return PlanRenderer.markdown(plan, options: options)
        }
    }
}
