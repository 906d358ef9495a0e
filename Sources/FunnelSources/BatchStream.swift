import Synchronization

/// Something that reads a source one batch at a time (a file chunk, an API page).
/// Returning nil ends the stream.
protocol BatchProducer: Actor {
    func nextBatch() async throws -> [SourceRecord]?
}

/// Turns a batch producer into a pull-based record stream: the next batch is read only when the
/// consumer has taken every record of the current one, so memory stays at one batch.
enum BatchStream {
    static func make(_ producer: some BatchProducer) -> AsyncThrowingStream<SourceRecord, any Error> {
        let buffer = Buffer()
        return AsyncThrowingStream(unfolding: {
            while true {
                switch buffer.pop() {
                case .record(let record): return record
                case .finished: return nil
                case .empty:
                    let batch = try await producer.nextBatch()
                    buffer.refill(batch)
                }
            }
        })
    }

    private enum Pop { case record(SourceRecord), empty, finished }

    private final class Buffer: Sendable {
        private struct State { var records: [SourceRecord] = []; var index = 0; var finished = false }
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

        func refill(_ batch: [SourceRecord]?) {
            state.withLock { state in
                state.index = 0
                if let batch { state.records = batch } else { state.records = []; state.finished = true }
            }
        }
    }
}
