import FunnelConfig
import FunnelCore

extension RecordMapper {
    /// Where a stage value leads, and the config line that says so; nil = unmapped.
    func target(for value: String, record: SourceRecord) -> (TargetRef, SourceLocation?)? {
        let stage = pipeline?.stage(value)
        var found: (TargetRef, SourceLocation?)?
        for candidate in [value, stage?.id, stage?.label].compactMap({ $0 }) {
            if let target = phase.map[candidate] { found = (target, phase.mapLocations[candidate] ?? phase.location); break }
        }
        if found == nil, let mirror, let stage, stage.kind == .open {
            if let target = mirror.map[stage.id] ?? mirror.map[stage.label] {
                found = (target, mirror.location)
            } else if !mirror.exclude.contains(stage.id), !mirror.exclude.contains(stage.label) {
                found = (.phase(mirror.rename[stage.id] ?? mirror.rename[stage.label] ?? stage.label), mirror.location)
            }
        }
        let closed = record["stage_kind"].flatMap { SourceStage.Kind(rawValue: $0.stringValue) } ?? stage?.kind ?? .open
        if closed != .open {
            if let found, found.0 == .win || found.0 == .archive { return found }
            return (closed == .won ? .win : .archive, found?.1 ?? phase.location)
        }
        if let found { return found }
        if let fallback = phase.defaultTarget { return (fallback, phase.location) }
        return nil
    }
}
