import FunnelCore

/// `workflow.phases: { from: source, rename: {...}, exclude: [...], merge: {...} }`.
public struct MirrorSpec: Sendable {
    /// Stage id or label → phase name override.
    public var rename: [String: String]
    /// Stage ids or labels not mirrored.
    public var exclude: [String]
    /// Stage id or label → target phase (several stages onto one phase), or `$win` / `$archive`.
    public var map: [String: TargetRef]
    public var location: SourceLocation?

    public init(rename: [String: String] = [:], exclude: [String] = [], map: [String: TargetRef] = [:], location: SourceLocation? = nil) {
        self.rename = rename; self.exclude = exclude; self.map = map; self.location = location
    }
}
