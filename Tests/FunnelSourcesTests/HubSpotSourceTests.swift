import FunnelConfig
import FunnelCore
import FunnelSources
import FunnelTestSupport
import Testing

@Suite("hubspot source")
struct HubSpotSourceTests {
    /// 150 deals (two pages of 100), 120 contacts (two contact batch reads), one deal without a contact.
    static func fake(token: String = "hs-token") -> FakeHubSpot {
        let stages = ["appointmentscheduled", "qualifiedtobuy", "contractsent", "closedwon", "closedlost"]
        let deals = (1...150).map { index in
            FakeHubSpot.Deal(id: "\(9000 + index)", properties: ["dealname": "Deal \(index)", "dealstage": stages[index % stages.count],
                                                                 "pipeline": "default", "amount": "\(index * 10)"],
                             contactIDs: index == 150 ? [] : ["\(100 + index % 120)"])
        }
        let contacts = (0..<120).map { index in
            FakeHubSpot.Contact(id: "\(100 + index)", properties: ["email": "Person\(index)@Example.com", "firstname": "First\(index)",
                                                                  "lastname": "Last\(index)", "company": "Co \(index)"])
        }
        return FakeHubSpot(token: token, deals: deals, contacts: contacts)
    }

    static func configuration(base: String, token: String = "hs-token") -> FunnelConfiguration {
        TestConfig.make(source: SourceSpec(key: "id", kind: .hubspot(HubSpotSource(token: Secret(token), baseURL: base))),
                        fields: ["first": "{{ contact.firstname }}", "last": "{{ contact.lastname }}", "email": "{{ contact.email }}",
                                 "company": "{{ contact.company }}"],
                        name: "{{ dealname }}", description: "{{ amount }} ({{ stage_label }})", from: "dealstage",
                        map: ["Appointment Scheduled": .phase("New Lead"), "qualifiedtobuy": .phase("Contacted"), "Contract Sent": .phase("Qualified")])
    }

    @Test("deals page by page with their contacts, stage labels usable in maps")
    func endToEnd() async throws {
        let hubspot = Self.fake()
        let mapped = try await hubspot.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
        #expect(mapped.recordCount == 150)
        // 120 contacts, deals 1…149 cycle through them: later deals in active stages reuse a contact.
        #expect(mapped.rejected.contains { $0.key == "9150" && $0.reason == "no email (contact.match is email)" })
        let first = try #require(mapped.leads.first { $0.key == "9001" })
        #expect(first.identity.value == "person1@example.com")
        #expect(first.contact.company == "Co 1")
        #expect(first.cardName == "Deal 1")
        #expect(first.target == .phase("Contacted"))
        #expect(first.cardDescription == "10 (Qualified To Buy)")
        #expect(mapped.leads.first { $0.key == "9003" }?.target == .win)
        #expect(mapped.leads.first { $0.key == "9004" }?.target == .archive)
        #expect(mapped.leads.first { $0.key == "9005" }?.target == .phase("New Lead"))
        #expect(await hubspot.requestCount("/crm/v3/objects/deals") == 2)
        #expect(await hubspot.requestCount("/crm/v4/associations") == 2)
        #expect(await hubspot.requestCount("/crm/v3/objects/contacts/batch/read") == 2)
        #expect(await hubspot.requestCount("/crm/v3/pipelines/deals") == 2)
    }

    @Test("a deal with several contacts: the Primary-labelled one, else the lowest id, whatever order HubSpot lists them in")
    func severalContactsAreChosenDeterministically() async throws {
        let contacts = ["301", "77", "1200", "405"].map { id in
            FakeHubSpot.Contact(id: id, properties: ["email": "c\(id)@example.com", "firstname": "C\(id)", "lastname": "L"])
        }
        let stage = ["dealstage": "qualifiedtobuy", "pipeline": "default"]
        let hubspot = FakeHubSpot(token: "hs-token", deals: [
            FakeHubSpot.Deal(id: "1", properties: stage.merging(["dealname": "Unlabelled"]) { $1 }, contactIDs: ["301", "1200", "77"]),
            FakeHubSpot.Deal(id: "2", properties: stage.merging(["dealname": "Labelled"]) { $1 }, contactIDs: ["77", "405", "301"],
                             primaryContactID: "405"),
        ], contacts: contacts)
        await hubspot.rotateAssociations()
        var reads: [[String: String]] = []
        for _ in 0..<3 {
            let mapped = try await hubspot.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
            reads.append(Dictionary(uniqueKeysWithValues: mapped.leads.map { ($0.key, $0.identity.value) }))
        }
        #expect(reads[0] == ["1": "c77@example.com", "2": "c405@example.com"])
        #expect(reads.allSatisfy { $0 == reads[0] }, "\(reads)")
    }

    @Test("the pipeline comes from the API with won and lost stages")
    func pipeline() async throws {
        let hubspot = Self.fake()
        let pipeline = try await hubspot.run { base in
            try await SourceFactory.make(Self.configuration(base: base).source, logger: TestConfig.logger).pipeline()
        }
        #expect(pipeline?.id == "default")
        #expect(pipeline?.stages.count == 7)
        #expect(pipeline?.stage("closedwon")?.kind == .won)
        #expect(pipeline?.stage("Closed Lost")?.kind == .lost)
        #expect(pipeline?.stage("contractsent")?.label == "Contract Sent")
    }

    @Test("a wrong token is a clear 401 without the token")
    func authFailure() async throws {
        let hubspot = Self.fake()
        let error = await #expect(throws: SourceError.self) {
            try await hubspot.run { base in try await TestConfig.mapSource(Self.configuration(base: base, token: "wrong-token-123")) }
        }
        let text = "\(try #require(error))"
        #expect(text.contains("/crm/v3/pipelines/deals: HTTP 401 Unauthorized: Authentication credentials not found"))
        #expect(!text.contains("wrong-token-123"))
    }

    @Test("a ten-secondly 429 waits and retries; a daily one fails at once")
    func rateLimits() async throws {
        let hubspot = Self.fake()
        await hubspot.rateLimitNext([.tenSecondly(intervalMilliseconds: 10), .tenSecondly(intervalMilliseconds: 10)])
        let mapped = try await hubspot.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
        #expect(mapped.recordCount == 150)

        let daily = Self.fake()
        await daily.rateLimitNext([.daily])
        let error = await #expect(throws: SourceError.self) {
            try await daily.run { base in try await TestConfig.mapSource(Self.configuration(base: base)) }
        }
        #expect(error?.message.contains("daily API limit") == true)
        #expect(await daily.requestCount() == 1)
    }

    @Test("records(keys:) reads just those deals; a moved deal shows its new stage")
    func incremental() async throws {
        let hubspot = Self.fake()
        let records = try await hubspot.run { base in
            let source = SourceFactory.make(Self.configuration(base: base).source, logger: TestConfig.logger)
            await hubspot.moveDeal("9001", toStage: "closedwon")
            return try await source.records(keys: ["9001", "9002", "404"])
        }
        #expect(records.compactMap(\.key).sorted() == ["9001", "9002"])
        let moved = try #require(records.first { $0.key == "9001" })
        #expect(moved["dealstage"] == .string("closedwon"))
        #expect(moved["stage_kind"] == .string("won"))
        #expect(moved["contact.email"] == .string("Person1@Example.com"))
        #expect(await hubspot.requestCount("/crm/v3/objects/deals/batch/read") == 1)
    }
}
