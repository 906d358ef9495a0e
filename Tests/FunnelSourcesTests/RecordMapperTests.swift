import FunnelConfig
import FunnelCore
@testable import FunnelSources
import Testing

@Suite("Record mapping")
struct RecordMapperTests {
    static let csvSpec = SourceSpec(key: "id", kind: .csv(CSVSource(path: "/unused.csv")))

    func record(_ fields: [String: String], line: Int) -> SourceRecord {
        SourceRecord(fields: fields.mapValues(JSONValue.string), keyPath: "id", location: "leads.csv:\(line)")
    }

    func lead(id: String, email: String, stage: String, first: String = "Ada", line: Int) -> SourceRecord {
        record(["id": id, "first_name": first, "last_name": "L", "email": email, "phone": "", "company": "", "stage": stage], line: line)
    }

    func mapAll(_ records: [SourceRecord], _ configuration: FunnelConfiguration, pipeline: SourcePipeline? = nil) async throws -> MappedRecords {
        let stream = AsyncThrowingStream<SourceRecord, any Error> { continuation in
            for record in records { continuation.yield(record) }
            continuation.finish()
        }
        return try await RecordMapper(configuration: configuration, pipeline: pipeline).mapAll(stream)
    }

    @Test("a record becomes a lead with a normalised identity, card fields, target and provenance")
    func mapsALead() throws {
        let mapper = try RecordMapper(configuration: TestConfig.make(source: Self.csvSpec), pipeline: nil)
        let result = mapper.map(record(["id": "7", "first_name": "Ada", "last_name": "Lovelace", "email": "  Ada@Example.COM ",
                                        "phone": "+44 (20) 7946-0018", "company": "", "stage": "qualified"], line: 3))
        let lead = try result.get()
        #expect(lead.key == "7")
        #expect(lead.identity == ContactIdentity(kind: .email, value: "ada@example.com"))
        #expect(lead.contact == DesiredContact(first: "Ada", last: "Lovelace", email: "ada@example.com", phone: "+442079460018"))
        #expect(lead.cardName == "Ada Lovelace")
        #expect(lead.cardDescription == "(no company)")
        #expect(lead.target == .phase("Qualified"))
        #expect(lead.stage == "qualified")
        #expect(lead.provenance.record == "leads.csv:3")
        #expect(lead.provenance.config?.line != nil)
    }

    @Test("rejections name the reason, and the rest still maps")
    func rejections() async throws {
        let records = [
            lead(id: "1", email: "a@x.io", stage: "new", line: 2),
            record(["id": "", "first_name": "N", "last_name": "K", "email": "k@x.io", "phone": "", "company": "", "stage": "new"], line: 3),
            lead(id: "1", email: "b@x.io", stage: "new", line: 4),
            lead(id: "3", email: "not-an-email", stage: "new", line: 5),
            lead(id: "4", email: "d@x.io", stage: "frozen", line: 6),
            lead(id: "5", email: "A@X.io", stage: "contacted", line: 7),
            lead(id: "6", email: "a@x.io", stage: "won", line: 8),
            lead(id: "7", email: "", stage: "new", line: 9),
        ]
        let mapped = try await mapAll(records, TestConfig.make(source: Self.csvSpec))
        #expect(mapped.recordCount == 8)
        #expect(mapped.leads.map(\.key) == ["1", "6"])
        let reasons = Dictionary(mapped.rejected.map { ($0.location ?? "", $0.reason) }, uniquingKeysWith: { $1 })
        #expect(reasons["leads.csv:3"]?.contains("no key") == true)
        #expect(reasons["leads.csv:4"] == "duplicate key \"1\" (first at leads.csv:2)")
        #expect(reasons["leads.csv:5"] == "invalid email \"not-an-email\"")
        #expect(reasons["leads.csv:6"] == "stage \"frozen\" is not in card.phase.map and there is no card.phase.default")
        #expect(reasons["leads.csv:7"]?.contains("already has an active card from record \"1\" (leads.csv:2)") == true)
        #expect(reasons["leads.csv:9"] == "no email (contact.match is email)")
        #expect(mapped.leads[1].target == .win)
    }

    @Test("card.phase.default takes unmapped stages")
    func defaultTarget() async throws {
        let configuration = TestConfig.make(source: Self.csvSpec, defaultTarget: .phase("New Lead"))
        let mapped = try await mapAll([lead(id: "1", email: "a@x.io", stage: "frozen", line: 2)], configuration)
        #expect(mapped.leads.first?.target == .phase("New Lead"))
        #expect(mapped.leads.first?.provenance.config?.line == 33)
    }

    @Test("matching by phone: normalised, and a record without one is rejected")
    func phoneMatch() async throws {
        let configuration = TestConfig.make(source: Self.csvSpec, match: .phone)
        var first = lead(id: "1", email: "a@x.io", stage: "new", line: 2)
        first.fields["phone"] = .string("0044 20 7946 0018")
        let mapped = try await mapAll([first, lead(id: "2", email: "b@x.io", stage: "new", line: 3)], configuration)
        #expect(mapped.leads.first?.identity == ContactIdentity(kind: .phone, value: "+442079460018"))
        #expect(mapped.rejected.first?.reason == "no phone (contact.match is phone)")
    }

    @Test("phone: a national number without + and without contact.country is a rejected record that says so")
    func nationalPhoneWithoutCountryIsRejected() async throws {
        let configuration = TestConfig.make(source: Self.csvSpec, match: .phone)
        var first = lead(id: "1", email: "a@x.io", stage: "new", line: 2)
        first.fields["phone"] = .string("(415) 555-0142")
        let mapped = try await mapAll([first], configuration)
        #expect(mapped.leads.isEmpty)
        let reason = try #require(mapped.rejected.first?.reason)
        #expect(reason.contains("invalid phone \"(415) 555-0142\"") && reason.contains("contact.country"), "\(reason)")
    }

    @Test("phone: contact.country turns a national number into E.164, and leaves international ones alone")
    func nationalPhoneWithCountry() async throws {
        var configuration = TestConfig.make(source: Self.csvSpec, match: .phone)
        configuration.contact.country = "US"
        var national = lead(id: "1", email: "a@x.io", stage: "new", line: 2)
        national.fields["phone"] = .string("(415) 555-0142")
        var international = lead(id: "2", email: "b@x.io", stage: "new", line: 3)
        international.fields["phone"] = .string("+44 20 7946 0018")
        let mapped = try await mapAll([national, international], configuration)
        #expect(mapped.leads.map(\.identity.value) == ["+14155550142", "+442079460018"])
    }

    @Test("with a pipeline, maps may use stage labels or ids, and closed stages go to $win/$archive")
    func pipelineStages() async throws {
        let pipeline = SourcePipeline(id: "default", name: "Sales", stages: [
            SourceStage(id: "s1", label: "Fresh", displayOrder: 0, kind: .open),
            SourceStage(id: "s2", label: "Talking", displayOrder: 1, kind: .open),
            SourceStage(id: "s9", label: "Signed", displayOrder: 2, kind: .won),
            SourceStage(id: "s0", label: "Dead", displayOrder: 3, kind: .lost),
        ])
        let configuration = TestConfig.make(source: Self.csvSpec, map: ["Fresh": .phase("New Lead"), "s2": .phase("Contacted"), "Nowhere": .phase("X")])
        let records = ["s1", "Talking", "s9", "s0"].enumerated().map { index, stage in
            lead(id: "\(index)", email: "p\(index)@x.io", stage: stage, line: index + 2)
        }
        let mapped = try await mapAll(records, configuration, pipeline: pipeline)
        #expect(mapped.leads.map(\.target) == [.phase("New Lead"), .phase("Contacted"), .win, .archive])
        #expect(mapped.warnings.contains { $0.message.contains("\"Nowhere\" matches no stage") })
    }

    @Test("a deal the CRM reports closed never lands in an active phase")
    func closedDeal() throws {
        let mapper = try RecordMapper(configuration: TestConfig.make(source: Self.csvSpec), pipeline: nil)
        var closed = lead(id: "1", email: "a@x.io", stage: "qualified", line: 2)
        closed.fields["stage_kind"] = .string("lost")
        #expect(try mapper.map(closed).get().target == .archive)
    }

    @Test("mirroring the pipeline: open stages become phases by label, with renames and exclusions")
    func mirror() async throws {
        let pipeline = SourcePipeline(id: "p", name: "Sales", stages: [
            SourceStage(id: "a", label: "Fresh", displayOrder: 0, kind: .open),
            SourceStage(id: "b", label: "Talking", displayOrder: 1, kind: .open),
            SourceStage(id: "c", label: "Parked", displayOrder: 2, kind: .open),
        ])
        let configuration = TestConfig.make(source: Self.csvSpec, map: [:],
                                            phases: .fromSource(MirrorSpec(rename: ["b": "In Talks"], exclude: ["Parked"])))
        let records = ["a", "b", "c"].enumerated().map { lead(id: $1, email: "m\($0)@x.io", stage: $1, line: $0 + 2) }
        let mapped = try await mapAll(records, configuration, pipeline: pipeline)
        #expect(mapped.leads.map(\.target) == [.phase("Fresh"), .phase("In Talks")])
        #expect(mapped.rejected.map(\.key) == ["c"])
    }

    @Test("a template field no record has is a warning at the template's line")
    func unknownFieldWarning() async throws {
        let configuration = TestConfig.make(source: Self.csvSpec, description: "{{ compnay }}")
        let mapped = try await mapAll([lead(id: "1", email: "a@x.io", stage: "new", line: 2)], configuration)
        let warning = try #require(mapped.warnings.first { $0.message.contains("compnay") })
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 31)
        #expect(!mapped.warnings.contains { $0.message.contains("\"company\"") })
    }

    @Test("template errors are reported together, at their lines")
    func compileErrors() throws {
        let configuration = TestConfig.make(source: Self.csvSpec, fields: ["email": "{{ email | nope }}", "nickname": "{{ x }}"],
                                            name: "{% if %}")
        #expect {
            _ = try RecordMapper(configuration: configuration, pipeline: nil)
        } throws: { error in
            guard let diagnostics = (error as? DiagnosticsError)?.diagnostics else { return false }
            return diagnostics.count == 3 && diagnostics.contains { $0.message.contains("unknown contact field \"nickname\"") }
        }
    }

    @Test("the snapshot digest follows the records' values, not where they were read")
    func digest() async throws {
        let configuration = TestConfig.make(source: Self.csvSpec)
        let a = try await mapAll([lead(id: "1", email: "a@x.io", stage: "new", line: 2)], configuration)
        var moved = lead(id: "1", email: "a@x.io", stage: "new", line: 9)
        moved.location = "elsewhere"
        let b = try await mapAll([moved], configuration)
        let c = try await mapAll([lead(id: "1", email: "a@x.io", stage: "contacted", line: 2)], configuration)
        #expect(a.snapshotDigest == b.snapshotDigest)
        #expect(a.snapshotDigest != c.snapshotDigest)
        #expect(a.snapshotDigest.count == 64)
    }
}
