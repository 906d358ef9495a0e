import Foundation
import FunnelTestSupport
import Testing
import WixEmulator

/// The real `funnel` binary when Wix cannot be reached: a person sees each retry as it happens,
/// and failures that waiting cannot fix end in seconds with what to check.
@Suite("network failures (CLI)")
struct NetworkFailureCLITests {
    /// `.invalid` never resolves (RFC 6761), so no request leaves the machine.
    @Test("an unknown host: the first warning within 2 s, exit 1 within 20 s naming DNS and what to check")
    func unknownHost() async throws {
        let project = try CLIProject(endpoint: "https://nonexistent.invalid")
        // What starting the binary and loading the config costs on this machine right now (a busy
        // test run can make it seconds): the 2 s are funnel's own, counted after that.
        let startup = try await project.timedRun(["validate", "-c", project.config]).ended
        let run = try await project.timedRun(["plan", "-c", project.config])
        let firstWarning = try #require(run.firstWarning, "no warning line:\n\(run.errors)")
        #expect(firstWarning - startup < .seconds(2), "first warning after \(firstWarning), starting up takes \(startup)")
        #expect(run.ended < .seconds(20), "ended after \(run.ended)")
        #expect(run.status == 1)
        #expect(run.errors.contains("warning: nonexistent.invalid unreachable (DNS: "), "\(run.errors)")
        #expect(run.errors.contains("; retry 2 of 2 in "))
        // At most one retry: one warning line, and the error says so.
        #expect(run.errors.components(separatedBy: "warning:").count == 2, "\(run.errors)")
        #expect(run.errors.contains("no response: DNS: "))
        #expect(run.errors.contains("after 2 attempts"))
        for check in ["the network", "the endpoint: https://nonexistent.invalid", "the site id: site-1", "the key's permissions",
                      "funnel doctor -c \(project.config)"] {
            #expect(run.errors.contains(check), "missing \"\(check)\" in:\n\(run.errors)")
        }
        #expect(!run.errors.contains(CLIProject.apiKey))
    }

    @Test("--quiet silences the retry warnings, not the error")
    func quiet() async throws {
        let project = try CLIProject(endpoint: "https://nonexistent.invalid")
        let run = try await project.timedRun(["plan", "-c", project.config, "--quiet"])
        #expect(run.status == 1)
        #expect(!run.errors.contains("warning:"), "\(run.errors)")
        #expect(run.errors.contains("error: GET "))
        #expect(run.errors.contains("DNS"))
    }

    /// The sandbox speaks plain HTTP; an https:// endpoint pointing at it fails the TLS handshake.
    @Test("a TLS error on 127.0.0.1: one retry, exit 1 naming TLS")
    func tlsError() async throws {
        try await withEmulator { sandbox in
            let port = try #require(sandbox.baseURL.split(separator: ":").last)
            let project = try CLIProject(endpoint: "https://127.0.0.1:\(port)", siteId: sandbox.siteId)
            let run = try await project.timedRun(["plan", "-c", project.config])
            #expect(run.status == 1)
            #expect(run.ended < .seconds(20), "ended after \(run.ended)")
            #expect(run.errors.contains("warning: 127.0.0.1:\(port) unreachable (TLS: "), "\(run.errors)")
            #expect(run.errors.components(separatedBy: "warning:").count == 2, "\(run.errors)")
            #expect(run.errors.contains("TLS handshake"))
            // BoringSSL's reason, not its dump (error codes a mask would take for phone numbers, source paths).
            #expect(run.errors.contains("handshake failed: wrong version number (does the server speak TLS?)"), "\(run.errors)")
            #expect(!run.errors.contains("BoringSSL"))
        }
    }

    @Test("a key Wix refuses (401): no retry, and the checklist leads with the key")
    func rejectedKey() async throws {
        try await withEmulator(EmulatorOptions(apiKeys: [EmulatorHandle.defaultAPIKey])) { sandbox in
            let project = try CLIProject(endpoint: sandbox.baseURL, siteId: sandbox.siteId)
            let run = try await project.timedRun(["plan", "-c", project.config])
            #expect(run.status == 1)
            #expect(!run.errors.contains("warning:"), "\(run.errors)")
            #expect(run.errors.contains("→ 401"), "\(run.errors)")
            #expect(run.errors.contains("Most likely: Wix refused the key (401)"), "\(run.errors)")
            #expect(!run.errors.contains(CLIProject.apiKey))
        }
    }

    @Test("a refused connection keeps the full policy: a warning per retry")
    func refused() async throws {
        let reserved = try ReservedPort()
        defer { reserved.release() }
        let port = reserved.port
        let project = try CLIProject(endpoint: "http://127.0.0.1:\(port)")
        let run = try await project.timedRun(["plan", "-c", project.config])
        #expect(run.status == 1)
        #expect(run.errors.contains("warning: 127.0.0.1:\(port) unreachable (connection refused"), "\(run.errors)")
        #expect(run.errors.contains("retry 6 of 6"), "\(run.errors)")
        #expect(run.errors.components(separatedBy: "warning:").count == 6, "\(run.errors)")
    }
}
