import ArgumentParser

/// `funnel-bench NAME`: the benchmarks whose figures BENCHMARKS.md records.
/// Run them in release mode: `swift run -c release funnel-bench NAME`.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel-bench",
        abstract: "Benchmarks for funnel (figures go to BENCHMARKS.md).",
        subcommands: BenchCommand.all
    )
}
