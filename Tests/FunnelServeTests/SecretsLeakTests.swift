import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// Full scenarios through the real `funnel` executable — a Wix site (the sandbox) reached with an
/// API key and then with OAuth, a HubSpot source with a private-app token, state in PostgreSQL behind
/// a password — after which every file funnel wrote and every byte it printed is searched for the
/// secrets.
@Suite("secrets never leak (CLI)")
struct SecretsLeakTests {
    static let apiKey = "wix-api-key-9b1f3c7e-SECRET"
    static let appSecret = "wix-app-secret-51d0aa-SECRET"
    static let hubspotToken = "pat-na1-hubspot-7c2e90-SECRET"
    static let postgresPassword = "pg-password-3d81c5-SECRET"
    static let secrets = [apiKey, appSecret, hubspotToken, postgresPassword]

    static func yaml(sandbox: EmulatorHandle, hubspot: String, auth: String, state: String? = nil) -> String {
        """
        version: 1
        wix:
          siteId: \(sandbox.siteId)
          endpoint: \(sandbox.baseURL)
        \(auth)
        workflow:
          name: Lead Funnel
          phases: [New Lead, Contacted, Qualified]
        source:
          type: hubspot
          token: ${HUBSPOT_TOKEN}
          base_url: \(hubspot)
          pipeline: default
        contact:
          match: email
          fields:
            email: "{{ contact.email }}"
            first: "{{ contact.firstname }}"
        card:
          source: HubSpot
          name: "{{ dealname }}"
          phase:
            from: dealstage
            map: { appointmentscheduled: New Lead, qualifiedtobuy: Contacted, contractsent: Qualified, closedwon: $win, closedlost: $archive }
        \(state.map { "state: \($0)" } ?? "")

        """
    }

    /// A HubSpot fake with three deals, reached with `hubspotToken`.
    static func hubspot() -> FakeHubSpot {
        let contacts = (1...3).map { FakeHubSpot.Contact(id: "\($0)", properties: ["email": "p\($0)@example.com", "firstname": "P\($0)"]) }
        let deals = (1...3).map { index in
            FakeHubSpot.Deal(id: "\(500 + index)", properties: ["dealname": "Deal \(index)", "dealstage": "qualifiedtobuy", "pipeline": "default"],
                             contactIDs: ["\(index)"])
        }
        return FakeHubSpot(token: Self.hubspotToken, deals: deals, contacts: contacts)
    }

    /// Searches every regular file under `directory` and everything `printed` for every secret.
    static func expectNoSecret(in directory: URL, printed: String, minimumFiles: Int) throws {
        var files = 0
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let bytes = try Data(contentsOf: url)
            files += 1
            for secret in Self.secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(url.lastPathComponent)")
            }
        }
        #expect(files >= minimumFiles, "expected the configs, the plan file and what funnel wrote, found \(files) files")
        for secret in Self.secrets {
            #expect(!printed.contains(secret), "\(secret) printed")
            // Not even a recognisable part of it.
            #expect(!printed.contains(String(secret.prefix(16))), "part of \(secret) printed")
        }
    }

    @Test("API key, OAuth app secret and HubSpot token appear in no output, log, plan file, state or sandbox file")
    func noSecretAnywhere() async throws {
        let options = EmulatorOptions(apiKeys: [Secret(Self.apiKey)],
                                      oauthApp: EmulatorOAuthApp(appId: "funnel-app", appSecret: Secret(Self.appSecret)))
        let hubspot = Self.hubspot()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var printed = ""
        try await withEmulator(options) { sandbox in
            try await hubspot.run { base in
                let keyConfig = directory.appendingPathComponent("funnel.yaml").path
                try Self.yaml(sandbox: sandbox, hubspot: base, auth: "  apiKey: ${WIX_API_KEY}")
                    .write(toFile: keyConfig, atomically: true, encoding: .utf8)
                let oauthConfig = directory.appendingPathComponent("oauth.yaml").path
                try Self.yaml(sandbox: sandbox, hubspot: base, auth: """
                  oauth:
                    appId: funnel-app
                    appSecret: ${WIX_APP_SECRET}
                    instanceId: \(sandbox.siteId)
                """).write(toFile: oauthConfig, atomically: true, encoding: .utf8)
                let environment = ["WIX_API_KEY": Self.apiKey, "WIX_APP_SECRET": Self.appSecret, "HUBSPOT_TOKEN": Self.hubspotToken]
                let plan = directory.appendingPathComponent("plan.json").path
                let runs: [[String]] = [
                    ["validate", "-c", keyConfig], ["validate", "-c", keyConfig, "--json"],
                    ["source", "preview", "-c", keyConfig], ["source", "preview", "-c", keyConfig, "--json"],
                    ["plan", "-c", keyConfig, "--out", plan, "-v"], ["plan", "-c", keyConfig, "--json"],
                    ["apply", plan, "-c", keyConfig, "--json", "-v"],
                    ["plan", "-c", oauthConfig, "-v", "--detailed-exitcode"],
                    ["apply", "-c", oauthConfig, "--auto-approve", "-v"],
                    ["state", "list", "-c", keyConfig], ["state", "show", "workflow", "-c", keyConfig],
                ]
                for arguments in runs {
                    let result = try await FunnelExecutable.run(arguments, environment: environment, in: directory)
                    #expect([0, 2].contains(result.status), "\(arguments): \(result.errors)")
                    printed += result.output + result.errors
                }
                // A wrong key and a wrong token must not echo what was sent either.
                let wrong = try await FunnelExecutable.run(["plan", "-c", keyConfig, "-v"],
                                                           environment: environment.merging(["WIX_API_KEY": Self.apiKey + "-x"]) { $1 },
                                                           in: directory)
                #expect(wrong.status == 1)
                printed += wrong.output + wrong.errors
            }
        }
        #expect(printed.contains("Deal 1"), "the scenario printed nothing useful: \(printed)")
        try Self.expectNoSecret(in: directory, printed: printed, minimumFiles: 5)
    }

    /// The same with the state in PostgreSQL: a database owned by a role the server checks a password
    /// for, reached through `state: ${FUNNEL_STATE_URL}`; a wrong password fails without echoing either.
    @Test("the PostgreSQL state password appears in no output, log or file",
          .enabled(if: PostgresFixture.isAvailable, Comment(rawValue: PostgresFixture.skipMessage)))
    func noPostgresPasswordAnywhere() async throws {
        let hubspot = Self.hubspot()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-secrets-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var printed = ""
        try await PostgresFixture.withPasswordDatabase(password: Self.postgresPassword) { database in
            let stateURL = "postgres://\(database.user):\(Self.postgresPassword)@\(database.host):\(database.port)/\(database.database)"
            try await withEmulator(EmulatorOptions(apiKeys: [Secret(Self.apiKey)])) { sandbox in
                try await hubspot.run { base in
                    let config = directory.appendingPathComponent("funnel.yaml").path
                    try Self.yaml(sandbox: sandbox, hubspot: base, auth: "  apiKey: ${WIX_API_KEY}", state: "${FUNNEL_STATE_URL}")
                        .write(toFile: config, atomically: true, encoding: .utf8)
                    let environment = ["WIX_API_KEY": Self.apiKey, "HUBSPOT_TOKEN": Self.hubspotToken, "FUNNEL_STATE_URL": stateURL]
                    let plan = directory.appendingPathComponent("plan.json").path
                    let runs: [[String]] = [
                        ["validate", "-c", config], ["validate", "-c", config, "--json"],
                        ["plan", "-c", config, "--out", plan, "-v"], ["plan", "-c", config, "--json", "-v"],
                        ["apply", plan, "-c", config, "--json", "-v"],
                        ["plan", "-c", config, "-v", "--detailed-exitcode"],
                        ["state", "list", "-c", config], ["state", "show", "workflow", "-c", config],
                        ["state", "show", "card[\"501\"]", "-c", config, "--show-personal-data"],
                    ]
                    for arguments in runs {
                        let result = try await FunnelExecutable.run(arguments, environment: environment, in: directory)
                        #expect([0, 2].contains(result.status), "\(arguments): \(result.errors)")
                        printed += result.output + result.errors
                    }
                    // The server checks the password: a wrong one fails, quoting neither.
                    let wrongURL = stateURL.replacingOccurrences(of: Self.postgresPassword, with: Self.postgresPassword + "-x")
                    for arguments in [["plan", "-c", config, "-v"], ["state", "list", "-c", config]] {
                        let wrong = try await FunnelExecutable.run(arguments, environment: environment.merging(["FUNNEL_STATE_URL": wrongURL]) { $1 },
                                                                   in: directory)
                        #expect(wrong.status == 1, "\(arguments) with a wrong password: \(wrong.output)\(wrong.errors)")
                        printed += wrong.output + wrong.errors
                    }
                }
            }
        }
        #expect(printed.contains("Deal 1"), "the scenario printed nothing useful: \(printed)")
        #expect(printed.contains("card[\"501\"]"), "the state in PostgreSQL was not used: \(printed)")
        try Self.expectNoSecret(in: directory, printed: printed, minimumFiles: 2)
    }
}
