import Foundation
import FunnelConfig
import FunnelCore
import Testing

/// Every `Fixtures/invalid/NAME.yaml` yields exactly the diagnostics in `NAME.expected`
/// (`NAME.yaml:LINE:COLUMN: error: MESSAGE`, one per line, in order).
@Suite struct InvalidFixtureTests {
    @Test func thereAreAtLeastThirtyInvalidFixtures() {
        #expect(FixtureSupport.names("invalid").count >= 30)
    }

    @Test(arguments: FixtureSupport.names("invalid"))
    func reportsExactlyTheExpectedDiagnostics(name: String) throws {
        let result = try FixtureSupport.load("invalid", name)
        let expected = try FixtureSupport.text("invalid", name, ext: "expected")
            .split(separator: "\n").map(String.init)
        #expect(result.configuration == nil)
        #expect(FixtureSupport.rendered(result) == expected)
    }

    @Test(arguments: FixtureSupport.names("invalid"))
    func neverPrintsASecret(name: String) throws {
        let text = FixtureSupport.rendered(try FixtureSupport.load("invalid", name)).joined(separator: "\n")
        for secret in FixtureSupport.secretValues { #expect(!text.contains(secret)) }
        // The literal secrets written in the fixtures themselves are not echoed either.
        for literal in ["IST.eyJraWQi", "pat-na1-1111", "0123456789abcdef0123", "sk_live_51HxQ2", "hunter2", "IST.abc123"] {
            #expect(!text.contains(literal))
        }
    }
}
