import FunnelKit

/// How a claimed cycle ended.
public enum WorkResult: Sendable, Hashable {
    /// The cycle ran; `pending` changes were left undone (failed or skipped steps, a refused plan).
    case succeeded(summary: String, pending: Int)
    /// The cycle failed; the claim's record keys stay in the row.
    case failed(message: String)
}
