import Foundation
import FunnelTestSupport
import Testing

/// A damaged `.funnel/state.db`, from the error a person first sees to a clean adoption plan,
/// with the real binary on a sandbox.
@Suite("funnel state repair (CLI)")
struct StateRepairCLITests {
    @Test("a damaged state: the error names the way out; repair moves it aside and the adoption plan creates nothing")
    func damagedState() async throws {
        try await withEmulator { sandbox in
            let project = try await CLIProject.applied(on: sandbox)
            let sound = try await project.timedRun(["state", "repair", "-c", project.config])
            #expect(sound.status == 0, "\(sound.errors)")
            #expect(sound.output.contains("is sound: nothing to repair"), "\(sound.output)")

            try CLIProject.damage(project.statePath)
            let plan = try await project.timedRun(["plan", "-c", project.config])
            #expect(plan.status == 1)
            for words in ["cannot read the state at \(project.statePath)", "The file is damaged",
                          "adopts what exists in Wix", "funnel state repair", "journal of an interrupted apply", "lineage"] {
                #expect(plan.errors.contains(words), "missing \"\(words)\" in:\n\(plan.errors)")
            }

            let repair = try await project.timedRun(["state", "repair", "-c", project.config])
            #expect(repair.status == 0, "\(repair.output)\n\(repair.errors)")
            #expect(repair.output.contains("The state at \(project.statePath) is damaged"), "\(repair.output)")
            let moved = try #require(repair.output.firstMatch(of: /Moved it aside to (\S+) \(nothing was deleted\)/)?.1)
            #expect(moved.hasPrefix(project.statePath + ".damaged-"))
            #expect(FileManager.default.fileExists(atPath: String(moved)))
            #expect(repair.output.contains("Plan: 0 to create"), "\(repair.output)")
            #expect(repair.output.contains("It creates nothing"))

            let after = try await project.timedRun(["plan", "-c", project.config, "--detailed-exitcode"])
            #expect(after.status == 0, "\(after.output)\n\(after.errors)")
            #expect(after.output.contains("No changes."), "\(after.output)")
        }
    }

    @Test("an adoption plan that would create something says what, and exits 2")
    func adoptionWithCreates() async throws {
        try await withEmulator { sandbox in
            let project = try await CLIProject.applied(on: sandbox)
            try CLIProject.damage(project.statePath)
            try project.writeLeads([("1", "Ada", "ada@example.com", "new"), ("2", "Grace", "grace@example.com", "contacted"),
                                    ("3", "Alan", "alan@example.com", "won"), ("4", "Katherine", "katherine@example.com", "new")])
            let repair = try await project.timedRun(["state", "repair", "-c", project.config])
            #expect(repair.status == 2, "\(repair.output)\n\(repair.errors)")
            #expect(repair.output.contains("It would create 2 objects"), "\(repair.output)")
            #expect(repair.output.contains("+ create_contact contact[\"4\"]"))
            #expect(repair.output.contains("+ create_card card[\"4\"]"))
            #expect(!repair.output.contains("katherine@example.com"))
        }
    }
}

extension CLIProject {
    /// The project on `sandbox`, applied once with `funnel apply --auto-approve`.
    static func applied(on sandbox: EmulatorHandle) async throws -> CLIProject {
        let project = try CLIProject(endpoint: sandbox.baseURL, siteId: sandbox.siteId)
        let applied = try await project.timedRun(["apply", "-c", project.config, "--auto-approve"])
        #expect(applied.status == 0, "\(applied.errors)")
        return project
    }

    /// Overwrites the first page's b-tree (the schema) with garbage, as a torn write or a bad disk
    /// would: SQLite then reports "database disk image is malformed". The header stays intact.
    static func damage(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 400))
        // The state runs in WAL mode: when the last apply's process left its write-ahead log behind,
        // SQLite would read page 1 from the log and never see the damage (the test was flaky). A torn
        // file and a lost log is the disk failure this plays.
        for sidecar in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + sidecar) }
    }
}
