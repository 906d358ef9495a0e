import Foundation

/// A state path inside a fresh temporary directory (`…/<uuid>/.funnel/state.db`, parent not yet
/// created), removed when the test ends.
final class TemporaryStatePath {
    let root: String
    let path: String

    init() {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("funnel-state-tests-\(UUID().uuidString)")
        path = (root as NSString).appendingPathComponent(".funnel/state.db")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}
