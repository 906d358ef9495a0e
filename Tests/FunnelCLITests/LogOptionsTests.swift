import ArgumentParser
import Testing
@testable import FunnelCLI

@Suite("--quiet and --verbose")
struct LogOptionsTests {
    @Test("plan, apply, watch, serve and state repair take -q/--quiet; it cannot go with --verbose")
    func quiet() throws {
        #expect(try PlanCommand.parse(["--quiet"]).log.quiet)
        #expect(try ApplyCommand.parse(["-q"]).log.quiet)
        #expect(try WatchCommand.parse(["--quiet"]).log.quiet)
        #expect(try ServeCommand.parse(["--quiet"]).log.quiet)
        #expect(try StateRepairCommand.parse(["--quiet"]).log.quiet)
        #expect(try PlanCommand.parse(["-v"]).log.verbose)
        #expect(throws: (any Error).self) { try PlanCommand.parse(["--quiet", "--verbose"]) }
    }
}
