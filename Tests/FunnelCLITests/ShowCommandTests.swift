import ArgumentParser
import Foundation
@testable import FunnelCLI
import FunnelCore
import FunnelRender
import FunnelTestSupport
import Testing

@Suite("funnel show")
struct ShowCommandTests {
    @Test("parses every option")
    func parse() throws {
        let command = try ShowCommand.parse(["plan.json", "--format", "markdown", "--show-personal-data", "--no-color"])
        #expect(command.planFile == "plan.json")
        #expect(command.output.format == .markdown)
        #expect(command.output.showPersonalData)
        #expect(command.output.noColor)
        #expect(try ShowCommand.parse(["p.json", "--json"]).output.json)
    }

    @Test("rejects --json with --format and an unknown format")
    func invalid() {
        #expect(throws: (any Error).self) { try ShowCommand.parse(["p.json", "--json", "--format", "human"]) }
        #expect(throws: (any Error).self) { try ShowCommand.parse(["p.json", "--format", "yaml"]) }
        #expect(throws: (any Error).self) { try ShowCommand.parse([]) }
    }

    @Test("is registered under funnel")
    func registered() throws {
        let command = try FunnelCommand.parseAsRoot(["show", "plan.json"])
        #expect(command is ShowCommand)
    }

    @Test("renders a saved plan file, masked unless asked, coloured only when allowed")
    func render() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-show-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json")
        let plan = PlanFixtures.firstApply
        try Data(try PlanRenderer.json(plan, options: .planFile).utf8).write(to: file)

        let human = try ShowCommand.parse([file.path]).render(environment: [:], isTTY: true)
        #expect(human == PlanRenderer.human(plan, options: RenderOptions(color: true, showPersonalData: false)))
        let noColor = try ShowCommand.parse([file.path]).render(environment: ["NO_COLOR": "1"], isTTY: true)
        #expect(!noColor.contains("\u{1B}["))
        let flag = try ShowCommand.parse([file.path, "--no-color"]).render(environment: [:], isTTY: true)
        #expect(flag == noColor)
        let shown = try ShowCommand.parse([file.path, "--show-personal-data", "--format", "markdown"])
            .render(environment: [:], isTTY: false)
        #expect(shown.contains("ilse.keller@example.com"))
        let json = try ShowCommand.parse([file.path, "--json"]).render(environment: [:], isTTY: false)
        #expect(try PlanRenderer.decode(Data(json.utf8), allowMasked: true).steps.count == plan.steps.count)
        #expect(!json.contains("ilse.keller@example.com"))
    }

    @Test("a missing file or a plan from a newer funnel is an error that says so")
    func errors() throws {
        #expect(throws: PlanFileUnreadable.self) {
            try ShowCommand.parse(["/nonexistent/plan.json"]).render(environment: [:], isTTY: false)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-show-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("{\"format_version\": 9}".utf8).write(to: file)
        #expect(throws: PlanDocumentError.unsupportedFormatVersion(found: 9, supported: [1])) {
            try ShowCommand.parse([file.path]).render(environment: [:], isTTY: false)
        }
    }
}
