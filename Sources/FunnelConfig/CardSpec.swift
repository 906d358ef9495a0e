public import FunnelCore

/// `card:` — the card each record becomes.
public struct CardSpec: Sendable {
    /// Written to `card.source`; marks the cards funnel owns.
    public var source: String
    public var name: TemplateSpec
    public var description: TemplateSpec?
    public var phase: PhaseMapping
    public var location: SourceLocation?

    public init(source: String, name: TemplateSpec, description: TemplateSpec?, phase: PhaseMapping, location: SourceLocation? = nil) {
        self.source = source; self.name = name; self.description = description; self.phase = phase; self.location = location
    }
}
