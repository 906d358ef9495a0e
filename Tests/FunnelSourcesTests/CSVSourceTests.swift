import Foundation
import FunnelConfig
import FunnelCore
@testable import FunnelSources
import Testing

@Suite("CSV source")
struct CSVSourceTests {
    static let header = "id,first_name,last_name,email,phone,company,stage\n"

    func read(_ text: String, delimiter: Character = ",", required: Set<String> = [], chunk: Int? = nil) async throws -> (records: [SourceRecord], error: (any Error)?) {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let path = try directory.write("leads.csv", text)
        let spec = SourceSpec(key: "id", kind: .csv(CSVSource(path: path, delimiter: delimiter)))
        return await collect(SourceFactory.make(spec, usedFields: required, logger: TestConfig.logger))
    }

    @Test("quoted fields with delimiters, quotes and line breaks; the line each record starts on")
    func quotedFields() async throws {
        let text = Self.header
            + "1,Ada,\"Lovelace, Countess\",ada@example.com,,\"Analytical \"\"Engines\"\"\",new\n"
            + "2,Grace,Hopper,grace@example.com,,\"Navy\nYard\",contacted\r\n"
            + "\n"
            + "3,Alan,Turing,alan@example.com,,,qualified"
        let (records, error) = try await read(text)
        #expect(error == nil)
        #expect(records.count == 3)
        #expect(records[0].fields["last_name"] == .string("Lovelace, Countess"))
        #expect(records[0].fields["company"] == .string("Analytical \"Engines\""))
        #expect(records[1].fields["company"] == .string("Navy\nYard"))
        #expect(records[1].fields["stage"] == .string("contacted"))
        #expect(records.map(\.key) == ["1", "2", "3"])
        #expect(records.map { $0.location.split(separator: ":").last.map(String.init) } == ["2", "3", "6"])
    }

    @Test("a byte-order mark and another delimiter")
    func bomAndDelimiter() async throws {
        let text = "\u{FEFF}id;first_name;stage\n7;Zoë;new\n"
        let (records, error) = try await read(text, delimiter: ";")
        #expect(error == nil)
        #expect(records.first?.key == "7")
        #expect(records.first?.fields["first_name"] == .string("Zoë"))
    }

    @Test("parsing is the same whatever the chunk boundaries")
    func chunkBoundaries() throws {
        let text = Array((Self.header + "1,\"a\"\"b\",\"x\r\ny\",e@x.io,,c,new\r\n2,b,c,d@x.io,,\"\",won\r\n").utf8)
        var whole = CSVParser(delimiter: UInt8(ascii: ","))
        let expected = try whole.feed(text, final: true).map(\.fields)
        for size in [1, 2, 3, 7] {
            var parser = CSVParser(delimiter: UInt8(ascii: ","))
            var rows: [[String]] = []
            var index = 0
            while index < text.count {
                let end = min(index + size, text.count)
                rows += try parser.feed(Array(text[index..<end]), final: false).map(\.fields)
                index = end
            }
            rows += try parser.feed([], final: true).map(\.fields)
            #expect(rows == expected, "chunk size \(size)")
        }
        #expect(expected.count == 3)
        #expect(expected[1][1] == "a\"b" && expected[1][2] == "x\r\ny")
    }

    @Test("malformed rows are errors with their line", arguments: [
        ("1,Ada,L,a@x.io,,c,new\n2,\"Grace,H,g@x.io,,c,new\n", "leads.csv:3: unterminated quoted field"),
        ("1,Ada,L,a@x.io,,c,new\n2,Gr\"ace,H,g@x.io,,c,new\n", "leads.csv:3: a quote inside unquoted field 2"),
        ("1,\"Ada\"x,L,a@x.io,,c,new\n", "leads.csv:2: text after the closing quote of field 2"),
        ("1,Ada,L,a@x.io,,c,new\n\n2,Grace,H,g@x.io,c,new\n", "leads.csv:4: the row has 6 fields but the header has 7"),
    ])
    func malformed(body: String, message: String) async throws {
        let (_, error) = try await read(Self.header + body)
        let description = try #require(error as? SourceError).description
        #expect(description.hasSuffix(message) || description.contains(message), "\(description)")
        #expect(description.contains("leads.csv:"))
    }

    @Test("the header must have the columns the config uses")
    func missingColumn() async throws {
        let (_, error) = try await read("id,name,stage\n1,A,new\n", required: ["email", "stage", "contact.email"])
        let failure = try #require(error as? SourceError)
        #expect(failure.position.hasSuffix("leads.csv:1"))
        #expect(failure.message.contains("missing columns \"contact.email\", \"email\""))
        #expect(failure.message.contains("the header has: id, name, stage"))
    }

    @Test("an empty file and a missing file are errors")
    func emptyAndMissing() async throws {
        let (_, empty) = try await read("")
        #expect((empty as? SourceError)?.message.contains("empty") == true)
        let spec = SourceSpec(key: "id", kind: .csv(CSVSource(path: "/nonexistent/leads.csv")))
        let (_, missing) = await collect(SourceFactory.make(spec, logger: TestConfig.logger))
        #expect((missing as? SourceError)?.description.contains("cannot open file") == true)
    }
}
