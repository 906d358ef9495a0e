import Foundation
import FunnelCore
import FunnelTestSupport
import Testing
import WixEmulator

/// One full scenario through the real `funnel` executable — a Wix site (the sandbox) reached with
/// an API key and then with OAuth, a HubSpot source with a private-app token — after which every
/// file funnel wrote and every byte it printed is searched for the secrets.
@Suite("secrets never leak (CLI)")
struct SecretsLeakTests {
    static let apiKey = "wix-api-key-9b1f3c7e-SECRET"
    static let appSecret = "wix-app-secret-51d0aa-SECRET"
    static let hubspotToken = "pat-na1-hubspot-7c2e90-SECRET"
    static let secrets = [apiKey, appSecret, hubspotToken]

    static func yaml(sandbox: EmulatorHandle, hubspot: String, auth: String) -> String {
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

        """
    }

    @Test("API key, OAuth app secret and HubSpot token appear in no output, log, plan file, state or sandbox file")
    func noSecretAnywhere() async throws {
        let options = EmulatorOptions(apiKeys: [Secret(Self.apiKey)],
                                      oauthApp: EmulatorOAuthApp(appId: "funnel-app", appSecret: Secret(Self.appSecret)))
        let contacts = (1...3).map { FakeHubSpot.Contact(id: "\($0)", properties: ["email": "p\($0)@example.com", "firstname": "P\($0)"]) }
        let deals = (1...3).map { index in
            FakeHubSpot.Deal(id: "\(500 + index)", properties: ["dealname": "Deal \(index)", "dealstage": "qualifiedtobuy", "pipeline": "default"],
                             contactIDs: ["\(index)"])
        }
        let hubspot = FakeHubSpot(token: Self.hubspotToken, deals: deals, contacts: contacts)
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
        #expect(files >= 5, "expected the configs, the plan file, the state and the printed output")
        for secret in Self.secrets {
            #expect(!printed.contains(secret), "\(secret) printed")
            // Not even a recognisable part of it.
            #expect(!printed.contains(String(secret.prefix(16))), "part of \(secret) printed")
        }
    }
}
