public import FunnelCore

/// `card:` — the card each record becomes.
public struct CardSpec: Sendable {
    /// Written to `card.source`; marks the cards funnel owns.
    public var source: String
    public var name: TemplateSpec
    public var description: TemplateSpec?
    /// `card.due`: the card's `dueDate` (a `YYYY-MM-DD` date).
    public var due: TemplateSpec?
    public var phase: PhaseMapping
    public var location: SourceLocation?

    public init(source: String, name: TemplateSpec, description: TemplateSpec?, due: TemplateSpec? = nil, phase: PhaseMapping,
                location: SourceLocation? = nil) {
        self.source = source; self.name = name; self.description = description; self.due = due; self.phase = phase
        self.location = location
    }
}
