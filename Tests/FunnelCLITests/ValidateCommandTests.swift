import ArgumentParser
import Foundation
@testable import FunnelCLI
import FunnelConfig
import FunnelTestSupport
import Testing

/// `funnel validate`, `funnel schema` and `funnel init`: argument parsing, and the exact output of
/// `validate` (golden files under `ValidateGolden/`).
@Suite struct ValidateCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ValidateGolden")

    static func report(_ name: String, json: Bool) throws -> ValidateReport {
        let text = try String(contentsOf: golden.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        let result = ConfigLoader(environment: [:]).load(text: text, path: "\(name).yaml")
        return ValidateReport(result, displayPath: "\(name).yaml", json: json)
    }

    static func expected(_ file: String) throws -> String {
        try String(contentsOf: golden.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func parsesValidateWithDefaults() throws {
        let command = try #require(try FunnelCommand.parseAsRoot(["validate"]) as? ValidateCommand)
        #expect(command.options.config == "funnel.yaml")
        #expect(command.json == false)
    }

    @Test(arguments: [["validate", "-c", "x/f.yaml", "--json"], ["validate", "--config", "x/f.yaml", "--json"]])
    func parsesValidateOptions(arguments: [String]) throws {
        let command = try #require(try FunnelCommand.parseAsRoot(arguments) as? ValidateCommand)
        #expect(command.options.config == "x/f.yaml")
        #expect(command.json)
    }

    @Test func rejectsUnknownValidateFlags() {
        #expect(throws: (any Error).self) { try FunnelCommand.parseAsRoot(["validate", "--jsn"]) }
    }

    @Test func parsesSchemaAndInit() throws {
        #expect(try FunnelCommand.parseAsRoot(["schema"]) is SchemaCommand)
        #expect(try #require(try FunnelCommand.parseAsRoot(["init"]) as? InitCommand).directory == ".")
        #expect(try #require(try FunnelCommand.parseAsRoot(["init", "my-funnel"]) as? InitCommand).directory == "my-funnel")
        #expect(throws: (any Error).self) { try FunnelCommand.parseAsRoot(["init", "a", "b"]) }
    }

    @Test func validConfigPrintsOneSummaryLine() throws {
        let report = try Self.report("valid", json: false)
        #expect(report == ValidateReport(standardOutput: "valid.yaml is valid: 2 phases, csv source (leads.csv), sandbox.",
                                         standardError: "", exitCode: 0))
        #expect(try Self.report("valid", json: true) == ValidateReport(standardOutput: "[]", standardError: "", exitCode: 0))
    }

    @Test func brokenConfigPrintsEveryDiagnosticOnStandardError() throws {
        let report = try Self.report("broken", json: false)
        #expect(report.exitCode == 1)
        #expect(report.standardOutput == "")
        #expect(report.standardError + "\n" == (try Self.expected("broken.txt")))
    }

    @Test func brokenConfigAsJSONMatchesTheGoldenFile() throws {
        let report = try Self.report("broken", json: true)
        #expect(report.exitCode == 1)
        #expect(report.standardError == "")
        #expect(report.standardOutput + "\n" == (try Self.expected("broken.json")))
        let decoded = try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 4)
        #expect(Set(decoded?.first?.keys.map { $0 } ?? []) == ["file", "line", "column", "severity", "message"])
    }

    @Test func schemaCommandPrintsTheSchema() async throws {
        let directory = FileManager.default.temporaryDirectory
        let printed = try await FunnelExecutable.run(["schema"], in: directory)
        #expect(printed.status == 0, "\(printed.errors)")
        #expect(printed.output == (FunnelSchema.text.hasSuffix("\n") ? FunnelSchema.text : FunnelSchema.text + "\n"))
        let schema = try JSONSerialization.jsonObject(with: Data(printed.output.utf8)) as? [String: Any]
        #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}

/// The commands run for real against files in a temporary directory.
@Suite struct InitAndValidateRunTests {
    @Test func initWritesAStarterThatValidatesAndRefusesToOverwrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-cli-init-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try #require(try FunnelCommand.parseAsRoot(["init", directory]) as? InitCommand)
        try await first.run()
        #expect(FileManager.default.fileExists(atPath: directory + "/funnel.yaml"))
        #expect(FileManager.default.fileExists(atPath: directory + "/leads.csv"))

        let validate = try #require(try FunnelCommand.parseAsRoot(["validate", "-c", directory + "/funnel.yaml"]) as? ValidateCommand)
        try await validate.run() // exit 0: does not throw

        let second = try #require(try FunnelCommand.parseAsRoot(["init", directory]) as? InitCommand)
        await #expect(throws: ExitCode.failure) { try await second.run() }
    }

    @Test func validateExitsOneOnABrokenFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-cli-broken-\(UUID()).yaml")
        try Data("version: 2\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let command = try #require(try FunnelCommand.parseAsRoot(["validate", "-c", file.path, "--json"]) as? ValidateCommand)
        await #expect(throws: ExitCode(1)) { try await command.run() }
    }
}
