import ArgumentParser
import Foundation
import FunnelRender

/// `funnel show PLANFILE`: renders a plan saved by `funnel plan --out`.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a plan saved by `funnel plan --out`.",
        discussion: "Emails and phone numbers are masked unless --show-personal-data is given."
    )

    @Argument(help: "The plan file written by `funnel plan --out`.", completion: .file())
    var planFile: String

    @OptionGroup var output: PlanOutputOptions

    func run() async throws {
        Terminal.out(try render(environment: ProcessInfo.processInfo.environment,
                                         isTTY: isatty(STDOUT_FILENO) != 0))
    }

    /// The text `run` prints: the saved plan read, checked and rendered.
    func render(environment: [String: String], isTTY: Bool) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: planFile))
        } catch {
            throw PlanFileUnreadable(path: planFile, reason: error.localizedDescription)
        }
        // A masked `--json` document can be shown, just not applied.
        let plan = try PlanRenderer.decode(data, allowMasked: true)
        return try output.render(plan, environment: environment, isTTY: isTTY)
    }
}

/// The plan file could not be read (missing, a folder, no permission).
struct PlanFileUnreadable: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot read the plan file \(path): \(reason)" }
}
