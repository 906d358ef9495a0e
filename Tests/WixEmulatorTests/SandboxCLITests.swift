import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// `funnel sandbox serve|show` as a user runs them: the built `funnel` executable in a child process.
@Suite struct SandboxCLITests {
    /// The `funnel` executable next to the test bundle (built by `swift build --build-tests`).
    private static var funnel: URL? { FunnelExecutable.url }
    /// Outside CI the tests are skipped, saying why, when the executable is not built; with
    /// `CI=true` they always run (and fail if it is missing).
    private static var runs: Bool { funnel != nil || ProcessInfo.processInfo.environment["CI"] == "true" }
    private static let notBuilt = Comment(rawValue: FunnelExecutableError().description)

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(Self.funnel)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()  // the pipe was read to its end: the process has exited or is about to
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts `funnel sandbox serve --port 0 --data PATH` and returns it with its base URL.
    private func serve(data dataPath: String) throws -> (Process, String) {
        let process = Process()
        process.executableURL = try #require(Self.funnel)
        process.arguments = ["sandbox", "serve", "--port", "0", "--data", dataPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        let match = try #require(text.wholeMatch(of: /listening on (http:\/\/127\.0\.0\.1:(\d+))/))
        #expect(Int(match.2)! > 0)
        return (process, String(match.1))
    }

    @Test(.enabled(if: runs, notBuilt)) func serveAnnouncesItsPortAndStopsOnSIGTERM() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataPath = directory.appendingPathComponent("sandbox.json").path
        let (process, baseURL) = try serve(data: dataPath)
        let wix = SandboxHTTP(baseURL: baseURL, headers: ["Authorization": "k", "wix-site-id": "cli-site"])
        let workflow = try await wix.createWorkflow("From the CLI")
        let phase = try await wix.createPhase(workflow, "New Lead")
        _ = try await wix.createLead(workflow, phase, "Ines")

        process.terminate()  // SIGTERM
        await process.exit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)

        let shown = try run(["sandbox", "show", "--data", dataPath])
        #expect(shown.status == 0)
        #expect(shown.output.contains("From the CLI"))
        #expect(shown.output.contains("New Lead"))
        // Personal data is masked by default, like every other view.
        #expect(shown.output.contains("Ines  <i***@example.com>"), "\(shown.output)")
        #expect(!shown.output.contains("ines@example.com"), "\(shown.output)")
        #expect(shown.output.contains("Win (win)"))
        let clear = try run(["sandbox", "show", "--data", dataPath, "--show-personal-data"])
        #expect(clear.output.contains("Ines  <ines@example.com>"), "\(clear.output)")
    }

    /// Every write the sandbox answered is in the data file after a kill -9, and `show --data` reads the
    /// file while the sandbox still serves it.
    @Test(.enabled(if: runs, notBuilt)) func acknowledgedWritesSurviveAKill9() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataPath = directory.appendingPathComponent("sandbox.json").path
        let (process, baseURL) = try serve(data: dataPath)
        let wix = SandboxHTTP(baseURL: baseURL, headers: ["Authorization": "k", "wix-site-id": "kill-site"])
        let workflow = try await wix.createWorkflow("Killed")
        let phase = try await wix.createPhase(workflow, "New Lead")
        for index in 0..<40 { _ = try await wix.createLead(workflow, phase, "Lead\(index)") }
        let whileServing = try run(["sandbox", "show", "--data", dataPath, "--show-personal-data"])
        #expect(whileServing.status == 0)
        #expect(whileServing.output.contains("Lead39  <lead39@example.com>"))

        kill(process.processIdentifier, SIGKILL)
        await process.exit()
        #expect(process.terminationReason == .uncaughtSignal)
        let shown = try run(["sandbox", "show", "--data", dataPath, "--show-personal-data"])
        #expect(shown.status == 0)
        #expect((0..<40).allSatisfy { shown.output.contains("Lead\($0)  <lead\($0)@example.com>") })

        // A new sandbox on the same file (the lock died with the process) serves the same site.
        let (again, againURL) = try serve(data: dataPath)
        let reopened = SandboxHTTP(baseURL: againURL, headers: ["Authorization": "k", "wix-site-id": "kill-site"])
        #expect(try await reopened.cardNames(workflow, phaseId: phase) == (0..<40).map { "Lead\($0)" })
        again.terminate()
        await again.exit()
    }

    @Test(.enabled(if: runs, notBuilt)) func showReadsARunningSandbox() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(sandbox)
            let workflow = try await wix.createWorkflow("Live")
            let phase = try await wix.createPhase(workflow, "Contacted")
            let card = try await wix.createLead(workflow, phase, "Bob")
            _ = try await wix.post("/workflows/v1/cards/\(card)/archive")
            let shown = try run(["sandbox", "show", "--url", sandbox.baseURL, "--site", sandbox.siteId])
            #expect(shown.status == 0)
            #expect(shown.output.contains("Live"))
            #expect(shown.output.contains("Archived  1 card(s)"))
            #expect(shown.output.contains("Bob  <b***@example.com>  (from Contacted)"), "\(shown.output)")
        }
    }

    @Test(.enabled(if: runs, notBuilt)) func showNeedsExactlyOneSource() throws {
        #expect(try run(["sandbox", "show"]).status != 0)
    }
}
