import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

@Suite struct AuthContractTests {
    @Test func missingAuthorizationIs401InTheEnvelope() async throws {
        try await withEmulator { sandbox async throws in
            let wix = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["wix-site-id": sandbox.siteId])
            let reply = try await wix.get("/workflows/v1/workflows")
            #expect(reply.status == 401)
            #expect(reply.errorCode == "UNAUTHENTICATED")
            #expect(reply.string("details.applicationError.description") != nil)
            #expect(try await wix.send("GET", "/contacts/v4/contacts", headers: ["Authorization": "Bearer "]).status == 401)
        }
    }

    @Test func missingSiteIs403AndBearerIsAccepted() async throws {
        try await withEmulator { sandbox async throws in
            let noSite = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": sandbox.apiKey.revealed])
            let reply = try await noSite.get("/workflows/v1/workflows")
            #expect(reply.status == 403)
            #expect(reply.errorCode == "PERMISSION_DENIED")
            let bearer = SandboxHTTP(baseURL: sandbox.baseURL,
                                     headers: ["Authorization": "Bearer \(sandbox.apiKey.revealed)", "wix-site-id": sandbox.siteId])
            #expect(try await bearer.get("/workflows/v1/workflows").status == 200)
        }
    }

    @Test func sitesAreIsolated() async throws {
        try await withEmulator { sandbox async throws in
            let mine = SandboxHTTP(sandbox)
            let theirs = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "k", "wix-site-id": "other-site"])
            let workflow = try await mine.createWorkflow()
            let contact = try await mine.createContact("a@example.com")
            #expect(try await theirs.get("/workflows/v1/workflows").int("pagination.total") == 0)
            #expect(try await theirs.get("/workflows/v1/workflows/\(workflow)").status == 404)
            #expect(try await theirs.get("/contacts/v4/contacts/\(contact)").status == 404)
            _ = try await theirs.createContact("a@example.com")  // not a duplicate on another site
        }
    }

    @Test func configuredApiKeysRejectOthers() async throws {
        try await withEmulator(EmulatorOptions(apiKeys: [Secret("right")])) { sandbox async throws in
            let wrong = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "wrong", "wix-site-id": sandbox.siteId])
            #expect(try await wrong.get("/workflows/v1/workflows").status == 401)
            let right = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "right", "wix-site-id": sandbox.siteId])
            #expect(try await right.get("/workflows/v1/workflows").status == 200)
        }
    }

    @Test func oauthTokenActsForItsInstance() async throws {
        let app = EmulatorOAuthApp(appId: "app-1", appSecret: Secret("s3cret"), instanceId: "instance-1")
        try await withEmulator(EmulatorOptions(oauthApp: app, tokenLifetime: .seconds(3600))) { sandbox async throws in
            let anonymous = SandboxHTTP(baseURL: sandbox.baseURL, headers: [:])
            let body = #"{"grant_type": "client_credentials", "client_id": "app-1", "client_secret": "s3cret", "instance_id": "instance-1"}"#
            let token = try await anonymous.post("/oauth2/token", body)
            #expect(token.status == 200)
            let accessToken = try #require(token.string("access_token"))
            #expect(token.int("expires_in") == 3600)
            let withToken = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": accessToken])
            let workflow = try await withToken.createWorkflow()
            let asSite = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "key", "wix-site-id": "instance-1"])
            #expect(try await asSite.get("/workflows/v1/workflows/\(workflow)").status == 200)
            let created = try await withToken.post("/contacts/v4/contacts", #"{"info": {"name": {"first": "A"}}}"#)
            #expect(created.string("contact.source.appId") == "app-1")
            let otherSite = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": accessToken, "wix-site-id": "elsewhere"])
            #expect(try await otherSite.get("/workflows/v1/workflows").status == 403)

            #expect(try await anonymous.post("/oauth2/token", body.replacingOccurrences(of: "s3cret", with: "nope")).status == 401)
            #expect(try await anonymous.post("/oauth2/token", body.replacingOccurrences(of: "instance-1", with: "instance-2")).status == 403)
            #expect(try await anonymous.post("/oauth2/token", body.replacingOccurrences(of: "client_credentials", with: "password")).status == 400)
            let forged = SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": "OAUTH2.forged"])
            #expect(try await forged.get("/workflows/v1/workflows").status == 401)
        }
    }

    @Test func expiredTokensAre401() async throws {
        // A zero lifetime issues tokens that are already expired: no sleeping, no timing flakes.
        try await withEmulator(EmulatorOptions(tokenLifetime: .zero)) { sandbox async throws in
            let anonymous = SandboxHTTP(baseURL: sandbox.baseURL, headers: [:])
            let token = try await anonymous.post("/oauth2/token",
                #"{"grant_type": "client_credentials", "client_id": "sandbox-app", "client_secret": "sandbox-secret", "instance_id": "i"}"#)
            #expect(token.int("expires_in") == 0)
            let accessToken = try #require(token.string("access_token"))
            let expired = try await SandboxHTTP(baseURL: sandbox.baseURL, headers: ["Authorization": accessToken]).get("/workflows/v1/workflows")
            #expect(expired.status == 401)
            #expect(expired.string("details.applicationError.description") == "the access token has expired")
        }
    }

    @Test func unknownRoutesAnswerTheEnvelope() async throws {
        try await withEmulator { sandbox async throws in
            let reply = try await SandboxHTTP(sandbox).get("/workflows/v2/nothing")
            #expect(reply.status == 404)
            #expect(reply.errorCode == "NOT_FOUND")
            #expect(try await sandbox.stats().count(.unmatched) == 1)
        }
    }
}
