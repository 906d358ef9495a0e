import ArgumentParser

extension BenchCommand {
    /// One line per benchmark subcommand.
    static let all: [any ParsableCommand.Type] = [
        RenderBench.self,
    ]
}
