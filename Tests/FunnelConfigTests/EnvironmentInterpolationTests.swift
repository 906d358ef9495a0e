@testable import FunnelConfig
import Testing

@Suite struct EnvironmentInterpolationTests {
    typealias Interpolation = EnvironmentInterpolation

    @Test(arguments: [
        ("plain", "plain"),
        ("${A}", "1"),
        ("x-${A}-${B}", "x-1-two"),
        ("${MISSING:-fallback}", "fallback"),
        ("${A:-fallback}", "1"),
        ("${MISSING:-}", ""),
        ("$win", "$win"),
        ("cost $$5 and $$${A}", "cost $5 and $1"),
        ("trailing $", "trailing $"),
    ])
    func substitutes(text: String, expected: String) throws {
        let result = try Interpolation(parsing: text).substitute(["A": "1", "B": "two"])
        #expect(try result.get() == expected)
    }

    @Test func reportsEveryMissingVariableOnce() throws {
        let result = try Interpolation(parsing: "${X}${Y}${X}").substitute([:])
        guard case .failure(let missing) = result else { Issue.record("expected missing variables"); return }
        #expect(missing.names == ["X", "Y"])
    }

    @Test(arguments: ["${", "${A", "${}", "${1A}", "${A B}", "${A-B}"])
    func rejectsMalformedReferences(text: String) {
        #expect(throws: Interpolation.Failure.self) { try Interpolation(parsing: text) }
    }
}
