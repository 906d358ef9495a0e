public import Foundation
import FunnelKit

/// One funnel's line in `funnel status`; `GET /status` answers `[FunnelStatus]` as `json`.
public struct FunnelStatus: Sendable, Hashable, Codable {
    /// The JSON form of `/status` and `funnel status --json` (snake_case keys, ISO 8601 dates).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Reads what `encoder` wrote.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public var namespace: String
    public var name: String
    /// When the last cycle that ended without an error finished.
    public var lastSuccess: Date?
    /// The last cycle's plan summary.
    public var lastSummary: String?
    /// Changes known to be waiting: queued webhook records plus steps the last cycle left undone.
    public var pending: Int
    /// The last error, until a cycle succeeds.
    public var lastError: String?
    /// The worker holding the row now (its lease has not run out), if any.
    public var worker: String?
    /// When the next whole-funnel cycle is due.
    public var nextFullCycle: Date?
    /// Consecutive failed cycles.
    public var failures: Int

    public init(namespace: String, name: String, lastSuccess: Date? = nil, lastSummary: String? = nil, pending: Int = 0,
                lastError: String? = nil, worker: String? = nil, nextFullCycle: Date? = nil, failures: Int = 0) {
        self.namespace = namespace; self.name = name; self.lastSuccess = lastSuccess; self.lastSummary = lastSummary
        self.pending = pending; self.lastError = lastError; self.worker = worker; self.nextFullCycle = nextFullCycle
        self.failures = failures
    }
}
