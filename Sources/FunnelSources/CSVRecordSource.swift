import Foundation
import FunnelConfig
import FunnelCore

/// `type: csv`: a header row, then one record per row; every value is a string.
struct CSVRecordSource: RecordSource {
    let spec: CSVSource
    let keyPath: String
    let stages: [StageSpec]?
    /// Columns that must be in the header: `source.key`, `required_columns`, and what the templates use.
    let requiredColumns: [String]

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(spec: spec, keyPath: keyPath, requiredColumns: requiredColumns))
    }

    func pipeline() async throws -> SourcePipeline? { stages.map { SourcePipeline(declared: $0) } }

    private actor Producer: BatchProducer {
        let reader: FileChunkReader
        let keyPath: String
        let requiredColumns: [String]
        let delimiter: Character
        var parser: CSVParser?
        var header: [String]?
        var finished = false

        init(spec: CSVSource, keyPath: String, requiredColumns: [String]) {
            reader = FileChunkReader(path: spec.path)
            delimiter = spec.delimiter
            self.keyPath = keyPath
            self.requiredColumns = requiredColumns
        }

        func nextBatch() throws -> [SourceRecord]? {
            if parser == nil {
                guard let byte = delimiter.asciiValue, delimiter != "\"", delimiter != "\n", delimiter != "\r" else {
                    throw SourceError("the delimiter \"\(delimiter)\" must be one ASCII character other than a quote or a line break", at: reader.displayName)
                }
                parser = CSVParser(delimiter: byte)
            }
            while !finished {
                let chunk = try reader.next()
                finished = chunk == nil
                let rows: [CSVParser.Row]
                do { rows = try parser!.feed(chunk ?? [], final: finished) } catch {
                    throw SourceError(error.message, at: "\(reader.displayName):\(error.line)")
                }
                if rows.isEmpty { continue }
                return try records(from: rows)
            }
            if header == nil { throw SourceError("the file is empty; expected a header row", at: reader.displayName) }
            return nil
        }

        private func records(from rows: [CSVParser.Row]) throws(SourceError) -> [SourceRecord] {
            var rows = rows[...]
            if header == nil, let first = rows.popFirst() {
                header = try validatedHeader(first)
            }
            guard let header else { return [] }
            var records: [SourceRecord] = []
            records.reserveCapacity(rows.count)
            for row in rows {
                guard row.fields.count == header.count else {
                    throw SourceError("the row has \(row.fields.count) fields but the header has \(header.count)", at: "\(reader.displayName):\(row.line)")
                }
                var fields = [String: JSONValue](minimumCapacity: header.count)
                for (name, value) in zip(header, row.fields) { fields[name] = .string(value) }
                records.append(SourceRecord(fields: fields, keyPath: keyPath, location: "\(reader.displayName):\(row.line)"))
            }
            return records
        }

        private func validatedHeader(_ row: CSVParser.Row) throws(SourceError) -> [String] {
            let names = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let position = "\(reader.displayName):\(row.line)"
            var seen = Set<String>()
            for (index, name) in names.enumerated() {
                if name.isEmpty { throw SourceError("header column \(index + 1) has no name", at: position) }
                if !seen.insert(name).inserted { throw SourceError("the header names column \"\(name)\" twice", at: position) }
            }
            let missing = requiredColumns.filter { column in
                !seen.contains(column) && !seen.contains(column.split(separator: ".").first.map(String.init) ?? column)
            }
            if !missing.isEmpty {
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                throw SourceError("missing column\(missing.count > 1 ? "s" : "") \(list) (used by the config); the header has: \(names.joined(separator: ", "))", at: position)
            }
            return names
        }
    }
}
