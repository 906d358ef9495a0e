import FunnelCore
import FunnelTestSupport
import Foundation
import Testing
@testable import WixAPI
import WixEmulator

@Suite("OAuth client credentials against the sandbox's token endpoint")
struct OAuthTests {
    static let app = EmulatorOAuthApp(appId: "funnel-test-app", appSecret: Secret("app-secret-7f3a"))

    func oauthClient(_ sandbox: EmulatorHandle, secret: String = "app-secret-7f3a",
                     clock: any Clock<Duration> = ContinuousClock()) -> WixClient {
        WixClient(configuration: WixClientConfiguration(
            endpoint: sandbox.baseURL,
            auth: .oauth(appId: "funnel-test-app", appSecret: Secret(secret),
                         instanceId: sandbox.siteId, siteId: sandbox.siteId),
            requestsPerMinute: nil, baseBackoff: .milliseconds(5)), clock: clock)
    }

    @Test("one token serves many concurrent calls: a single refresh however many wait")
    func tokenIsReusedAndSingleFlight() async throws {
        try await withEmulator(EmulatorOptions(oauthApp: Self.app)) { sandbox in
            let wix = oauthClient(sandbox)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = try await wix.createWorkflow(name: "W\(index % 5)-\(index)") }
                }
                try await group.waitForAll()
            }
            _ = try await wix.workflows().collect()
            #expect(try await sandbox.stats().count(.createAccessToken) == 1)
            #expect(wix.statistics.tokenRequests == 1)
            #expect(wix.statistics.requests == 21)
        }
    }

    @Test("the token is renewed before expires_in runs out")
    func tokenIsRenewedBeforeExpiry() async throws {
        let clock = ManualClock()
        let options = EmulatorOptions(oauthApp: Self.app, tokenLifetime: .seconds(600))
        try await withEmulator(options) { sandbox in
            let wix = oauthClient(sandbox, clock: clock)
            _ = try await wix.workflows().collect()
            clock.advance(by: .seconds(539))  // 600 s lifetime: renewed with a minute left
            _ = try await wix.workflows().collect()
            #expect(wix.statistics.tokenRequests == 1)
            clock.advance(by: .seconds(2))
            _ = try await wix.workflows().collect()
            #expect(wix.statistics.tokenRequests == 2)
            #expect(try await sandbox.stats().count(.createAccessToken) == 2)
        }
    }

    @Test("a token Wix rejects as expired is replaced once and the call goes through")
    func expiredTokenIsReplacedOn401() async throws {
        let clock = ManualClock()  // never advances: the client believes its token is fresh
        let options = EmulatorOptions(oauthApp: Self.app, tokenLifetime: .seconds(1))
        try await withEmulator(options) { sandbox in
            let wix = oauthClient(sandbox, clock: clock)
            _ = try await wix.workflows().collect()
            try await Task.sleep(for: .milliseconds(1100))
            _ = try await wix.workflows().collect()
            #expect(wix.statistics.tokenRequests == 2)
            #expect(wix.statistics.retries == 1)
        }
    }

    @Test("wrong app credentials fail with a 401 that names the token request, not the secret")
    func wrongCredentials() async throws {
        try await withEmulator(EmulatorOptions(oauthApp: Self.app)) { sandbox in
            let wix = oauthClient(sandbox, secret: "wrong-secret-99")
            let error = await expectWixError { _ = try await wix.workflows().collect() }
            #expect(error?.status == 401)
            #expect(error?.path == "/oauth2/token")
            #expect(error.map { "\($0)" }?.contains("wrong-secret-99") == false)
            #expect(wix.statistics.requests == 0)
        }
    }
}
