import FunnelConfig
import FunnelCore

/// `type: json`: an array of objects, or `records:` a JSON pointer to one. The document is parsed
/// whole (a JSON array cannot be split safely without parsing it); use `ndjson` for huge exports.
struct JSONFileRecordSource: RecordSource {
    let spec: JSONFileSource
    let keyPath: String
    let stages: [StageSpec]?

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(spec: spec, keyPath: keyPath))
    }

    func pipeline() async throws -> SourcePipeline? { stages.map { SourcePipeline(declared: $0) } }

    private actor Producer: BatchProducer {
        let spec: JSONFileSource
        let keyPath: String
        var pending: [SourceRecord]?
        var offset = 0

        init(spec: JSONFileSource, keyPath: String) { self.spec = spec; self.keyPath = keyPath }

        func nextBatch() throws -> [SourceRecord]? {
            if pending == nil { pending = try readAll() }
            guard let pending, offset < pending.count else { return nil }
            let end = min(offset + 1000, pending.count)
            defer { offset = end }
            return Array(pending[offset..<end])
        }

        private func readAll() throws(SourceError) -> [SourceRecord] {
            let reader = FileChunkReader(path: spec.path)
            var bytes: [UInt8] = []
            while let chunk = try reader.next() { bytes.append(contentsOf: chunk) }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let document: JSONValue
            do { document = try JSONValueParser.parse(bytes) } catch {
                let (line, column) = bytes.withUnsafeBufferPointer { error.lineAndColumn(in: $0) }
                throw SourceError("invalid JSON at column \(column): \(error.message)", at: "\(reader.displayName):\(line)")
            }
            return try RecordArray.records(in: document, pointer: spec.recordsPointer, keyPath: keyPath, origin: reader.displayName)
        }
    }
}

/// Finds the records array in a JSON document and turns its objects into records.
enum RecordArray {
    static func records(in document: JSONValue, pointer: String?, keyPath: String, origin: String,
                        numbering: Int = 0) throws(SourceError) -> [SourceRecord] {
        let target = pointer.map { JSONPointer.resolve($0, in: document) } ?? document
        guard let target else {
            throw SourceError("no value at the records pointer \"\(pointer ?? "")\"", at: origin)
        }
        guard case .array(let items) = target else {
            let place = pointer.map { "at the records pointer \"\($0)\"" } ?? "at the top level"
            throw SourceError("expected an array of records \(place), found \(kindName(target))", at: origin)
        }
        var records: [SourceRecord] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let location = "\(origin) record \(numbering + index + 1)"
            guard case .object(let fields) = item else {
                throw SourceError("expected an object, found \(kindName(item))", at: location)
            }
            records.append(SourceRecord(fields: fields, keyPath: keyPath, location: location))
        }
        return records
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
