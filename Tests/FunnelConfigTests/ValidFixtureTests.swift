import Foundation
import FunnelConfig
import FunnelCore
import Testing

/// Every `Fixtures/valid/NAME.yaml` loads without a single diagnostic; a few are checked in depth.
@Suite struct ValidFixtureTests {
    @Test(arguments: FixtureSupport.names("valid"))
    func loadsCleanly(name: String) throws {
        let result = try FixtureSupport.load("valid", name)
        #expect(FixtureSupport.rendered(result) == [])
        #expect(result.configuration != nil)
    }

    @Test func coverEverySourceType() throws {
        let types = try Set(FixtureSupport.names("valid").compactMap {
            try FixtureSupport.load("valid", $0).configuration?.source.kind.typeName
        })
        #expect(types == ["csv", "json", "ndjson", "http", "hubspot", "pipedrive"])
    }

    @Test func csvSandboxResolvesPathsAgainstTheConfigDirectory() throws {
        let config = try #require(try FixtureSupport.load("valid", "csv-sandbox").configuration)
        guard case .sandbox(let dataPath) = config.wix.target, case .csv(let csv) = config.source.kind,
              case .list(let phases) = config.workflow.phases else {
            Issue.record("expected a sandbox, a csv source and listed phases"); return
        }
        #expect(dataPath == "/fixtures/.funnel/sandbox.json")
        #expect(csv.path == "/fixtures/leads.csv")
        #expect(config.statePath == "/fixtures/.funnel/state.db")
        #expect(phases.map(\.name) == ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"])
        #expect(config.card.phase.map["won"] == .win)
        #expect(config.card.phase.map["lost"] == .archive)
        #expect(config.card.phase.mapLocations["proposal"] == SourceLocation(file: "/fixtures/csv-sandbox.yaml", line: 45, column: 7))
        #expect(config.policy.maxArchive == .percent(10))
        #expect(config.contact.fields["email"]?.location == SourceLocation(file: "/fixtures/csv-sandbox.yaml", line: 31, column: 12))
        #expect(config.path == "/fixtures/csv-sandbox.yaml")
    }

    @Test func siteCredentialsComeFromTheEnvironment() throws {
        let config = try #require(try FixtureSupport.load("valid", "ndjson-site-apikey").configuration)
        guard case .site(let siteId, .apiKey(let key)) = config.wix.target else { Issue.record("expected a site"); return }
        #expect(siteId == "site-1234")
        #expect(key.revealed == "IST.secret-wix-api-key-value")
        #expect(config.stateLocation == .postgres(try PostgresStateURL(parsing: FixtureSupport.environment["FUNNEL_STATE_URL"] ?? "")))
        #expect(config.statePath == "postgres://funnel:***@db.internal:5432/funnel")
        #expect(config.stateNamespace == "site-1234/Inbound: 2026")
        #expect(config.workflow.name == "Inbound: 2026")
        guard case .list(let phases) = config.workflow.phases else { Issue.record("expected listed phases"); return }
        #expect(phases[1].was == ["Booked", "Scheduled"])
        #expect(config.card.phase.map["1"] == .phase("Call Booked"))
        #expect(config.card.phase.map["2"] == .phase("Demo Done"))
        #expect(config.policy == PolicySpecSnapshot(missing: .keep, drift: .keep, maxArchive: .percent(12.5), deletePhases: true))
    }

    @Test func mirroredPhasesAndDefaults() throws {
        let config = try #require(try FixtureSupport.load("valid", "json-mirrored-stages").configuration)
        guard case .fromSource(let mirror) = config.workflow.phases, case .json(let json) = config.source.kind,
              case .sandbox(let dataPath) = config.wix.target else {
            Issue.record("expected mirrored phases, a json source and a sandbox"); return
        }
        #expect(dataPath == "/fixtures/.funnel/sandbox.json") // ${FUNNEL_SANDBOX:-…} falls back
        #expect(mirror.rename == ["proposal": "Proposal Sent"])
        #expect(mirror.exclude == ["archived"])
        #expect(json.recordsPointer == "/data/items")
        #expect(config.source.stages?.count == 7)
        #expect(config.source.stages?.last?.kind == .lost)
        #expect(config.contact.match == .phone)
        #expect(config.card.phase.defaultTarget == .archive)
        #expect(config.statePath == "/state/funnel.db")
        #expect(config.wix.requestsPerMinute == 120)
        #expect(config.policy.maxArchive == .count(25))
        #expect(config.policy.deletePhases == false)
    }

    @Test func httpSourceKeepsHeadersAsSecrets() throws {
        let config = try #require(try FixtureSupport.load("valid", "http-cursor").configuration)
        guard case .http(let http) = config.source.kind else { Issue.record("expected http"); return }
        #expect(http.headers["Authorization"]?.revealed == "Bearer secret-http-api-token-value")
        #expect(http.pagination == .cursor(pointer: "/meta/next_cursor", parameter: "cursor"))
        #expect(http.timeoutSeconds == 12.5)
        #expect(http.maxPages == 50)
        #expect(config.source.stages?.map(\.id) == ["10", "20", "30", "40"])
        let offset = try #require(try FixtureSupport.load("valid", "http-offset-and-link-header").configuration)
        guard case .http(let paged) = offset.source.kind else { Issue.record("expected http"); return }
        #expect(paged.pagination == .offset(offsetParameter: "offset", limitParameter: "limit", limit: 200))
        #expect(paged.timeoutSeconds == 30)
    }

    @Test func crmSourcesDefaultTheirKey() throws {
        let hubspot = try #require(try FixtureSupport.load("valid", "hubspot-mirror").configuration)
        #expect(hubspot.source.key == "id")
        #expect(hubspot.source.pipeline == "default")
        #expect(hubspot.workflow.name == nil)
        guard case .site(_, .oauth(let appId, let secret, let instance)) = hubspot.wix.target else { Issue.record("expected oauth"); return }
        #expect(appId == "3f4b9a1c-1111-2222-3333-444455556666")
        #expect(secret.revealed == "secret-app-secret-value")
        #expect(instance == "inst-1")
        let pipedrive = try #require(try FixtureSupport.load("valid", "pipedrive-site").configuration)
        #expect(pipedrive.source.pipeline == "1")
        guard case .pipedrive(let source) = pipedrive.source.kind else { Issue.record("expected pipedrive"); return }
        #expect(source.baseURL == "https://acme.pipedrive.com")
        #expect(source.token.revealed == "secret-pipedrive-token-value")
    }

    @Test func escapedDollarAndDelimiter() throws {
        let config = try #require(try FixtureSupport.load("valid", "csv-semicolon-escaped-dollar").configuration)
        #expect(config.workflow.name == "Price $ Leads")
        guard case .csv(let csv) = config.source.kind else { Issue.record("expected csv"); return }
        #expect(csv.delimiter == ";")
        #expect(csv.requiredColumns == ["Lead ID", "Email", "Stage"])
        #expect(csv.path == "/fixtures/exports/leads;2026.csv")
    }
}

/// PolicySpec is not Equatable; this compares its fields.
struct PolicySpecSnapshot: Equatable {
    var missing: PolicySpec.Missing
    var drift: PolicySpec.Drift
    var maxArchive: PolicySpec.Limit
    var deletePhases: Bool
}

func == (lhs: PolicySpec, rhs: PolicySpecSnapshot) -> Bool {
    PolicySpecSnapshot(missing: lhs.missing, drift: lhs.drift, maxArchive: lhs.maxArchive, deletePhases: lhs.deletePhases) == rhs
}
