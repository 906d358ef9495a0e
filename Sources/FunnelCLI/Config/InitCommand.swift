import ArgumentParser
import FunnelConfig

/// `funnel init [DIR]`: write a commented starter funnel.yaml and a sample leads.csv.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter funnel.yaml and a sample leads.csv (never overwrites)."
    )

    @Argument(help: "The directory to write into (created if needed).")
    var directory: String = "."

    func run() async throws {
        do {
            let written = try StarterProject.write(into: directory)
            Terminal.out("Wrote \(written.joined(separator: " and ")).")
            let config = directory == "." ? "" : " -c \(written[0])"
            Terminal.out("Next: funnel validate\(config)")
        } catch let existing as StarterProject.ExistingFiles {
            Terminal.err("error: \(existing)")
            throw ExitCode.failure
        }
    }
}
