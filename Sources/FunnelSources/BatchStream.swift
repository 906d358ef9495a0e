import Synchronization

/// Something that reads a source one batch at a time (a file chunk, an API page).
/// Returning nil ends the stream.
protocol BatchProducer: Actor {
    func nextBatch() async throws -> [SourceRecord]?
}

/// Turns a batch producer into a pull-based record stream with one batch of read-ahead: while the
/// consumer works through a batch, the next one is read (parsing and mapping use both cores), and
/// nothing more. Memory stays at two batches whatever the size of the source.
enum BatchStream {
    static func make(_ producer: some BatchProducer) -> AsyncThrowingStream<SourceRecord, any Error> {
        let buffer = Buffer()
        return AsyncThrowingStream(unfolding: {
            while true {
                switch buffer.pop() {
                case .record(let record): return record
                case .finished: return nil
                case .empty:
                    let next = buffer.takeReadAhead() ?? Task { try await producer.nextBatch() }
                    let batch = try await next.value
                    buffer.refill(batch, readAhead: batch == nil ? nil : Task { try await producer.nextBatch() })
                }
            }
        })
    }

    private enum Pop { case record(SourceRecord), empty, finished }

    private final class Buffer: Sendable {
        private struct State {
            var records: [SourceRecord] = []
            var index = 0
            var finished = false
            var readAhead: Task<[SourceRecord]?, any Error>?
        }
        private let state = Mutex(State())

        func pop() -> Pop {
            state.withLock { state in
                if state.index < state.records.count {
                    defer { state.index += 1 }
                    return .record(state.records[state.index])
                }
                return state.finished ? .finished : .empty
            }
        }

        func takeReadAhead() -> Task<[SourceRecord]?, any Error>? {
            state.withLock { state in
                defer { state.readAhead = nil }
                return state.readAhead
            }
        }

        func refill(_ batch: [SourceRecord]?, readAhead: Task<[SourceRecord]?, any Error>?) {
            state.withLock { state in
                state.index = 0
                state.readAhead = readAhead
                if let batch { state.records = batch } else { state.records = []; state.finished = true }
            }
        }
    }
}
