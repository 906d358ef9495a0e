import FunnelConfig
import FunnelCore

/// `type: ndjson`: one JSON object per line, read as a stream; blank lines are skipped.
struct NDJSONRecordSource: RecordSource {
    let spec: NDJSONSource
    let keyPath: String
    let stages: [StageSpec]?

    func records() -> AsyncThrowingStream<SourceRecord, any Error> {
        BatchStream.make(Producer(path: spec.path, keyPath: keyPath))
    }

    func pipeline() async throws -> SourcePipeline? { stages.map { SourcePipeline(declared: $0) } }

    private actor Producer: BatchProducer {
        let reader: FileChunkReader
        let keyPath: String
        var pending: [UInt8] = []
        var line = 1
        var finished = false

        init(path: String, keyPath: String) { reader = FileChunkReader(path: path); self.keyPath = keyPath }

        func nextBatch() throws -> [SourceRecord]? {
            while !finished {
                let chunk = try reader.next()
                if line == 1, pending.isEmpty, var first = chunk, first.starts(with: [0xEF, 0xBB, 0xBF]) {
                    first.removeFirst(3)
                    pending = first
                } else if let chunk {
                    pending.append(contentsOf: chunk)
                } else {
                    finished = true
                }
                let records = try parseLines(final: finished)
                if !records.isEmpty { return records }
            }
            return nil
        }

        /// Parses every complete line in `pending` (and the last one when `final`).
        private func parseLines(final: Bool) throws(SourceError) -> [SourceRecord] {
            var records: [SourceRecord] = []
            let consumed = try pending.withUnsafeBufferPointer { buffer throws(SourceError) -> Int in
                var start = 0
                while start < buffer.count {
                    var end = start
                    while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                    if end == buffer.count, !final { break }
                    var lineEnd = end
                    if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let bytes = UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
                    if bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                        records.append(try record(from: bytes))
                    }
                    line += 1
                    start = end + 1
                }
                return min(start, buffer.count)
            }
            pending.removeFirst(consumed)
            return records
        }

        private func record(from bytes: UnsafeBufferPointer<UInt8>) throws(SourceError) -> SourceRecord {
            let location = "\(reader.displayName):\(line)"
            let value: JSONValue
            do { value = try JSONValueParser.parse(bytes) } catch {
                throw SourceError("invalid JSON at column \(error.offset + 1): \(error.message)", at: location)
            }
            guard case .object(let fields) = value else {
                throw SourceError("expected a JSON object on the line, found \(RecordArray.kindName(value))", at: location)
            }
            return SourceRecord(fields: fields, keyPath: keyPath, location: location)
        }
    }
}
