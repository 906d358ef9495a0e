import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// `funnel doctor` and `funnel sandbox serve --variant` as a user runs them: the built executable in a
/// child process, against a sandbox playing other readings of the docs.
@Suite struct DoctorCLITests {
    private static var funnel: URL? { FunnelExecutable.url }

    /// A funnel.yaml for a "real" site at `endpoint` (the key comes from the environment, as it must).
    static func writeConfig(in directory: URL, endpoint: String, siteId: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "id,first_name,email,stage\n".write(to: directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            wix:
              siteId: \(siteId)
              apiKey: ${WIX_API_KEY}
              endpoint: \(endpoint)
            workflow:
              name: Lead Funnel
              phases: [New Lead, Contacted]
            source:
              type: csv
              path: leads.csv
              key: id
            contact:
              country: US
              fields:
                first: "{{ first_name }}"
                email: "{{ email }}"
            card:
              source: My CRM
              name: "{{ first_name }}"
              phase:
                from: stage
                map: { new: New Lead, contacted: Contacted, won: $win, lost: $archive }
            """
        let path = directory.appendingPathComponent("funnel.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: funnel != nil), arguments: [Set<SandboxVariant>(), [.pageLimit50, .archivedCard404], Set(SandboxVariant.allCases)])
    func doctorWriteJSONNamesTheVariantsAndExitsZero(variants: Set<SandboxVariant>) async throws {
        try await withEmulator(EmulatorOptions(variants: variants)) { sandbox async throws in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = try Self.writeConfig(in: directory, endpoint: sandbox.baseURL, siteId: sandbox.siteId)
            let run = try await FunnelExecutable.run(["doctor", "-c", config, "--write", "--json"],
                                                     environment: ["WIX_API_KEY": sandbox.apiKey.revealed], in: directory)
            #expect(run.status == 0, "\(run.output)\(run.errors)")
            let report = try JSONDecoder().decode(JSONValue.self, from: Data(run.output.utf8))
            #expect(report[path: "ok"] == .bool(true))
            guard case .array(let checks)? = report[path: "checks"] else { Issue.record("no checks: \(run.output)"); return }
            for check in checks {
                guard case .object(let fields) = check else { continue }
                #expect(Set(fields.keys) == ["id", "variant", "ok", "detail"], "\(fields.keys)")
            }
            let flagged = Set(checks.filter { $0[path: "variant"] == .bool(true) }.compactMap { $0[path: "id"]?.stringValue })
            #expect(flagged == Set(variants.map(\.rawValue)))
            let wix = SandboxHTTP(sandbox)
            #expect(try await wix.get("/workflows/v1/workflows").list("workflows").isEmpty, "doctor left a workflow behind")
        }
    }

    @Test(.enabled(if: funnel != nil))
    func doctorExitsOneAndExplainsARefusedKeyInTheTable() async throws {
        try await withEmulator(EmulatorOptions(apiKeys: [Secret("the-right-key")])) { sandbox async throws in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = try Self.writeConfig(in: directory, endpoint: sandbox.baseURL, siteId: sandbox.siteId)
            let run = try await FunnelExecutable.run(["doctor", "-c", config, "--write"], environment: ["WIX_API_KEY": "a-wrong-key"],
                                                     in: directory)
            #expect(run.status == 1, "\(run.output)\(run.errors)")
            let header = try #require(run.output.split(separator: "\n").first)
            #expect(header.contains("CHECK") && header.contains("FUNNEL ASSUMES") && header.contains("SITE ANSWERED")
                        && header.contains("VERDICT"))
            #expect(run.output.contains("list-workflows") && run.output.contains("FAIL") && run.output.contains("wix.apiKey"),
                    "\(run.output)")
            #expect(run.output.contains("funnel will not work correctly on this site"))
            #expect(!run.output.contains("a-wrong-key"), "the key was printed")
            #expect(try await sandbox.stats().count(.createWorkflow) == 0, "doctor wrote with a refused key")
        }
    }

    @Test(.enabled(if: funnel != nil))
    func doctorWriteInterruptedByCtrlCStillDeletesTheScratchObjects() async throws {
        try await withEmulator(EmulatorOptions(latency: .milliseconds(40))) { sandbox async throws in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = try Self.writeConfig(in: directory, endpoint: sandbox.baseURL, siteId: sandbox.siteId)
            let out = directory.appendingPathComponent("doctor.out"), err = directory.appendingPathComponent("doctor.err")
            let process = try FunnelExecutable.process(["doctor", "-c", config, "--write"],
                                                       environment: ["WIX_API_KEY": sandbox.apiKey.revealed], stdout: out, stderr: err)
            try process.run()
            var created = false
            for _ in 0..<1_000 where !created {
                created = try await sandbox.stats().count(.createWorkflow) > 0
                if !created { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(created, "doctor never created its scratch workflow")
            kill(process.processIdentifier, SIGINT)
            #expect(await process.exit(within: .seconds(60)), "doctor did not end after Ctrl-C")
            let output = try String(contentsOf: out, encoding: .utf8)
            #expect(process.terminationStatus == 1, "\(output)")
            #expect(output.contains("stopped (Ctrl-C)") && output.contains("cleanup"), "\(output)")
            let wix = SandboxHTTP(sandbox)
            #expect(try await wix.get("/workflows/v1/workflows").list("workflows").isEmpty, "the scratch workflow was left behind")
            #expect(try await wix.post("/contacts/v4/contacts/query", "{}").list("contacts").isEmpty, "the scratch contact was left behind")
        }
    }

    @Test(.enabled(if: funnel != nil))
    func sandboxServeVariantsShowInStatsAndBadIdsAreRefused() async throws {
        let process = try FunnelExecutable.process(
            ["sandbox", "serve", "--port", "0", "--variant", "archived-card-404,page-limit-50", "--variant", "email-case-sensitive"],
            stdout: FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).out"),
            stderr: FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).err"))
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
        let match = try #require(String(decoding: line, as: UTF8.self).wholeMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/))
        let stats = try await SandboxHTTP(baseURL: String(match.1), headers: [:]).get("/_sandbox/stats")
        process.terminate()
        await process.exit()
        #expect(stats["variants"] == .array(["page-limit-50", "archived-card-404", "email-case-sensitive"].map(JSONValue.string)))

        let directory = FileManager.default.temporaryDirectory
        let refused = try await FunnelExecutable.run(["sandbox", "serve", "--port", "0", "--variant", "page-limit-20"], in: directory)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("unknown sandbox variant \"page-limit-20\"") && refused.errors.contains("in-limit-100"))
    }
}
