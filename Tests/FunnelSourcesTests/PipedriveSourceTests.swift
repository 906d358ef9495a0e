import FunnelConfig
import FunnelCore
import FunnelSources
import FunnelTestSupport
import Testing

@Suite("pipedrive source")
struct PipedriveSourceTests {
    /// 620 deals in pipeline 1 (two pages of 500) and 3 in another pipeline; 620 persons (7 bulk reads).
    static func fake() -> FakePipedrive {
        var deals = (1...620).map { index in
            FakePipedrive.Deal(id: index, title: "Deal \(index)", stageID: 1 + index % 4, status: index % 10 == 0 ? "won" : index % 10 == 5 ? "lost" : "open",
                               personID: index, value: Double(index))
        }
        deals += (621...623).map { FakePipedrive.Deal(id: $0, title: "Other \($0)", stageID: 9, pipelineID: 2, personID: nil) }
        let persons = (1...620).map { index in
            FakePipedrive.Person(id: index, firstName: "P\(index)", lastName: "Q", emails: ["p\(index)@Example.com", "alt\(index)@example.com"],
                                 phones: ["+1 555 \(1_000_000 + index)"])
        }
        return FakePipedrive(token: "pd-token", deals: deals, persons: persons,
                             stages: FakePipedrive.defaultStages + [FakePipedrive.Stage(id: 9, name: "Elsewhere", orderNr: 1, pipelineID: 2)],
                             pipelines: [FakePipedrive.Pipeline(id: 1, name: "Sales", orderNr: 0), FakePipedrive.Pipeline(id: 2, name: "Partners", orderNr: 1)])
    }

    static func configuration(base: String, token: String = "pd-token", pipeline: String? = nil) -> FunnelConfiguration {
        TestConfig.make(source: SourceSpec(key: "id", kind: .pipedrive(PipedriveSource(token: Secret(token), baseURL: base)), pipeline: pipeline),
                        fields: ["first": "{{ person.first_name }}", "last": "{{ person.last_name }}", "email": "{{ person.email }}",
                                 "phone": "{{ person.phone }}"],
                        name: "{{ title }}", description: "{{ value }} {{ currency }}", from: "stage_id",
                        map: ["Qualified": .phase("New Lead"), "2": .phase("Contacted"), "Proposal Made": .phase("Qualified"),
                              "Negotiations Started": .phase("Qualified")])
    }

    @Test("deals by cursor with persons in bulk; won/lost from the deal status")
    func endToEnd() async throws {
        let pipedrive = Self.fake()
        let mapped = try await pipedrive.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
        #expect(mapped.recordCount == 620)
        #expect(mapped.rejected.isEmpty)
        let first = try #require(mapped.leads.first)
        #expect(first.key == "1")
        #expect(first.identity.value == "p1@example.com")
        #expect(first.contact.phone == "+15551000001")
        #expect(first.target == .phase("Contacted"))
        #expect(first.cardDescription == "1 EUR")
        #expect(mapped.leads.first { $0.key == "10" }?.target == .win)
        #expect(mapped.leads.first { $0.key == "15" }?.target == .archive)
        #expect(mapped.leads.first { $0.key == "3" }?.target == .phase("Qualified"))
        #expect(await pipedrive.requestCount("/api/v2/deals") == 2)
        #expect(await pipedrive.requestCount("/api/v2/persons") == 7)
    }

    @Test("a deal's contact is its person_id, whatever order the API lists deals and persons in: no churn between reads")
    func contactIsThePersonIdWhateverTheOrder() async throws {
        // Every person exists; a deal links one of them through person_id (the others could be its
        // participants): the person fetched in bulk must be matched by id, never by position.
        let persons = [301, 77, 1200, 405].map { id in
            FakePipedrive.Person(id: id, firstName: "P\(id)", lastName: "Q", emails: ["p\(id)@example.com"])
        }
        let pipedrive = FakePipedrive(token: "pd-token", deals: [
            FakePipedrive.Deal(id: 1, title: "One", stageID: 2, personID: 1200),
            FakePipedrive.Deal(id: 2, title: "Two", stageID: 2, personID: 77),
            FakePipedrive.Deal(id: 3, title: "Three", stageID: 2, personID: 405),
        ], persons: persons)
        await pipedrive.rotateOrder()
        var reads: [[String: String]] = []
        for _ in 0..<3 {
            let mapped = try await pipedrive.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
            reads.append(Dictionary(uniqueKeysWithValues: mapped.leads.map { ($0.key, $0.identity.value) }))
        }
        #expect(reads[0] == ["1": "p1200@example.com", "2": "p77@example.com", "3": "p405@example.com"])
        #expect(reads.allSatisfy { $0 == reads[0] }, "\(reads)")
    }

    @Test("a pipeline chosen by name; its stages in order")
    func pipelineByName() async throws {
        let pipedrive = Self.fake()
        let (pipeline, records) = try await pipedrive.run { base in
            let source = SourceFactory.make(Self.configuration(base: base, pipeline: "Partners").source, logger: TestConfig.logger)
            return (try await source.pipeline(), await collect(source).records)
        }
        #expect(pipeline?.id == "2")
        #expect(pipeline?.stages.map(\.label) == ["Elsewhere"])
        #expect(records.compactMap(\.key) == ["621", "622", "623"])
    }

    @Test("each record carries owner, amount and close_date for field mappings, without extra config")
    func dealFields() async throws {
        let pipedrive = Self.fake()
        let records = try await pipedrive.run { base in
            await collect(SourceFactory.make(Self.configuration(base: base).source, logger: TestConfig.logger)).records
        }
        let deal = try #require(records.first { $0.key == "7" })
        #expect(deal["owner"] == .string("1"))
        #expect(deal["amount"] == .number(7))
        #expect(deal["close_date"] == .null)
    }

    @Test("a wrong token is a clear 401 without the token")
    func authFailure() async throws {
        let pipedrive = Self.fake()
        let error = await #expect(throws: SourceError.self) {
            try await pipedrive.run { base in try await TestConfig.mapSource(Self.configuration(base: base, token: "bad-token-999")) }
        }
        let text = "\(try #require(error))"
        #expect(text.contains("/api/v2/pipelines: HTTP 401 Unauthorized: unauthorized access"))
        #expect(!text.contains("bad-token-999"))
    }

    @Test("429s wait for x-ratelimit-reset and retry")
    func rateLimit() async throws {
        let pipedrive = Self.fake()
        await pipedrive.rateLimitNext(resetSeconds: [0, 0])
        let mapped = try await pipedrive.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
        #expect(mapped.recordCount == 620)
    }

    @Test("records(keys:) reads just those deals; a moved or won deal shows it")
    func incremental() async throws {
        let pipedrive = Self.fake()
        let records = try await pipedrive.run { base in
            let source = SourceFactory.make(Self.configuration(base: base).source, logger: TestConfig.logger)
            await pipedrive.moveDeal(1, toStage: 4)
            await pipedrive.setStatus(2, "won")
            return try await source.records(keys: ["1", "2", "999"])
        }
        #expect(records.compactMap(\.key) == ["1", "2"])
        #expect(records[0]["stage_label"] == .string("Negotiations Started"))
        #expect(records[1]["stage_kind"] == .string("won"))
        #expect(records[0]["person.email"] == .string("p1@Example.com"))
    }
}
