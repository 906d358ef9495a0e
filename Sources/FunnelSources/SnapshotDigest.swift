import Crypto
import FunnelCore

/// SHA-256 over the records as read, in order: each record's key and its fields sorted by name.
/// Locations are left out, so the same leads read from CSV or from an API digest alike when their
/// values are the same text.
struct SnapshotDigest {
    private var hasher = SHA256()
    private var buffer: [UInt8] = []

    mutating func add(_ record: SourceRecord) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: (record.key ?? "").utf8)
        buffer.append(0x1D)
        for name in record.fields.keys.sorted() {
            buffer.append(contentsOf: name.utf8)
            buffer.append(0x1F)
            let value = record.fields[name]!
            if value != .null { buffer.append(contentsOf: value.stringValue.utf8) }
            buffer.append(0x1E)
        }
        buffer.append(0x1C)
        hasher.update(data: buffer)
    }

    mutating func finish() -> String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
