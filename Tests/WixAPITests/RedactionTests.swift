import FunnelCore
import FunnelTestSupport
import Foundation
import Logging
import Testing
@testable import WixAPI
import WixEmulator

@Suite("No secret in logs or errors")
struct RedactionTests {
    static let apiKey = Secret("IST.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0-redaction-probe")
    static let appSecret = Secret("app-secret-redaction-probe-5e1d")

    @Test("every log line and error description of a run is free of the key, the app secret and the token")
    func noSecretLeaks() async throws {
        let logs = LogCapture()
        let app = EmulatorOAuthApp(appId: "probe-app", appSecret: Self.appSecret)
        let options = EmulatorOptions(apiKeys: [Self.apiKey], oauthApp: app)
        var texts: [String] = []
        func record(_ error: any Error) {
            texts += ["\(error)", String(reflecting: error), error.localizedDescription]
        }

        let token: Secret? = try await withEmulator(options) { sandbox in
            func client(_ auth: WixAuth, timeout: Duration = .seconds(5)) -> WixClient {
                WixClient(configuration: WixClientConfiguration(
                    endpoint: sandbox.baseURL, auth: auth, requestsPerMinute: nil, timeout: timeout,
                    baseBackoff: .milliseconds(2)), logger: logs.logger())
            }
            let keyed = client(.apiKey(Self.apiKey, siteId: sandbox.siteId))
            let oauth = client(.oauth(appId: "probe-app", appSecret: Self.appSecret,
                                      instanceId: sandbox.siteId, siteId: sandbox.siteId))
            let wrongKey = client(.apiKey(Secret("IST.wrong-key-probe"), siteId: sandbox.siteId))
            let wrongApp = client(.oauth(appId: "probe-app", appSecret: Secret("wrong-app-secret-probe"),
                                         instanceId: sandbox.siteId, siteId: nil))

            for wix in [keyed, oauth] {
                let workflow = try await wix.createWorkflow(name: "Probe \(UUID())")
                _ = try await wix.getWorkflow(id: workflow)
                _ = try await wix.workflows().collect()
                do { _ = try await wix.getCard(id: "missing") } catch { record(error) }
                do { try await wix.renamePhase(id: "missing", name: "x") } catch { record(error) }
                do { _ = try await wix.createContact(ContactInfo(first: nil, last: nil, email: nil)) } catch { record(error) }
            }
            for wix in [wrongKey, wrongApp] {
                do { _ = try await wix.workflows().collect() } catch { record(error) }
            }
            texts += ["\(keyed.configuration)", "\(oauth.configuration)", String(reflecting: oauth.configuration)]
            return try await oauth.tokens?.token()
        }

        let token_ = try #require(token)
        let lines = logs.all
        #expect(lines.count > 10)
        #expect(lines.contains { $0.contains("wix request") && $0.contains("status=404") })
        #expect(texts.count >= 12)
        let secrets = [Self.apiKey.revealed, Self.appSecret.revealed, token_.revealed,
                       "IST.wrong-key-probe", "wrong-app-secret-probe"]
        for text in lines + texts {
            for secret in secrets {
                #expect(!text.contains(secret), "a secret leaked into: \(text.prefix(80))")
            }
        }
    }

    @Test("one debug line per request: method, path, status, attempt, duration")
    func requestLogLine() async throws {
        let logs = LogCapture()
        try await withSandboxClient(logger: logs.logger(level: .debug)) { wix, _ in
            _ = try await wix.workflows().collect()
        }
        let lines = logs.all.filter { $0.contains("wix request") }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        for field in ["method=GET", "path=/workflows/v1/workflows", "status=200", "attempt=1", "duration_ms="] {
            #expect(line.contains(field))
        }
        #expect(!line.contains("limit="))  // the query string is not logged
    }
}
