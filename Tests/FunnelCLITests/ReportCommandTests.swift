import Foundation
import FunnelTestSupport
import Testing

/// `funnel report` as a user runs it: the built executable over a copy of examples/lead-funnel.
@Suite("funnel report command")
struct ReportCommandTests {
    @Test("a bad --since is refused before anything is read", .enabled(if: FunnelExecutable.url != nil))
    func badSince() async throws {
        let example = try ExampleFunnel.copy()
        defer { example.remove() }
        for since in ["banana", "0d", "-3d"] {
            let result = try await example.funnel(["report", "--since=\(since)", "-c", example.config])
            #expect(result.status == 64, "\(since)")
            #expect(result.errors.contains("--since expects a positive duration such as 30d, 12h or 90m"), "\(result.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: example.directory.appendingPathComponent(".funnel").path))
    }

    @Test("read-only: before any apply it reports an empty funnel and creates no state", .enabled(if: FunnelExecutable.url != nil))
    func readOnly() async throws {
        let example = try ExampleFunnel.copy()
        defer { example.remove() }
        let result = try await example.funnel(["report", "--format", "json", "-c", example.config])
        #expect(result.status == 0, "\(result.errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let cards = try #require(document["cards"] as? [String: Any])
        #expect(cards["total"] as? Int == 0)
        #expect((document["workflow"] as? [String: Any])?["id"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: example.directory.appendingPathComponent(".funnel/state.db").path))
    }

    @Test("personal data in rejected records is masked unless --show-personal-data; --out writes the file only",
          .enabled(if: FunnelExecutable.url != nil))
    func masking() async throws {
        let example = try ExampleFunnel.copy()
        defer { example.remove() }
        let text = try String(contentsOf: example.leads, encoding: .utf8)
        try Data((text + "L-2001,Kim,Lee,kim.lee@@example.com,+1 415 555 0100,Lee Co,new,2026-11-30,Dana Levi,1000,2027-01-01\n").utf8).write(to: example.leads)
        for format in ["text", "markdown", "html", "json"] {
            let masked = try await example.funnel(["report", "--format", format, "-c", example.config])
            #expect(masked.status == 0, "\(masked.errors)")
            #expect(masked.output.contains("L-2001"), "\(format)")
            #expect(!masked.output.contains("kim.lee@@example.com"), "\(format)")
        }
        let shown = try await example.funnel(["report", "--show-personal-data", "-c", example.config])
        #expect(shown.output.contains("kim.lee@@example.com"))

        let out = example.directory.appendingPathComponent("report.md")
        let written = try await example.funnel(["report", "--format", "markdown", "--out", out.path, "-c", example.config])
        #expect(written.status == 0 && written.output.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("### funnel report: Lead Funnel"))
    }
}
