import FunnelCore
import WixAPI

/// One row of `funnel doctor`: what funnel assumes, what the site answered, and the verdict.
public struct DoctorCheck: Sendable, Hashable, Encodable {
    /// `list-workflows`, `query-contacts`, `list-cards`, a sandbox variant id (wix-api.md §7), `write-workflow`,
    /// `write-contact` or `cleanup`.
    public var id: String
    /// What funnel relies on.
    public var assumes: String
    /// What the site did, and for a failure what to fix.
    public var detail: String
    /// True when the site follows the alternative reading `id` names (always false for the other checks).
    public var variant: Bool
    /// Whether funnel works correctly here, whichever reading the site follows.
    public var ok: Bool

    public init(id: String, assumes: String, detail: String, variant: Bool = false, ok: Bool) {
        self.id = id; self.assumes = assumes; self.detail = detail; self.variant = variant; self.ok = ok
    }

    private enum CodingKeys: String, CodingKey { case id, variant, ok, detail }
}
