import FunnelCore
import Yams

/// `workflow.phases: { from: source, rename, exclude, map }` — phases mirrored from the pipeline.
extension ConfigReader {
    struct ReadMirror {
        var spec: MirrorSpec
        var fromKey: Node
        /// Every stage named by `rename`, `exclude` or `map`, with where it was written.
        var stageReferences: [(text: String, node: Node, path: String)]
    }

    func phasesMirror(_ slot: Slot) -> ReadMirror? {
        guard let fields = self.fields(slot, ConfigKeys.phasesMirror), let fromKey = fields.keyNode("from") else { return nil }
        var failed = fields.slot("from").flatMap { choice($0, ["source"]) } == nil
        var references: [(text: String, node: Node, path: String)] = []
        var spec = MirrorSpec(location: location(fromKey))
        if let renameSlot = fields.slot("rename") {
            if let entries = stringMap(renameSlot) {
                for entry in entries {
                    references.append((entry.key, entry.keyNode, entry.value.path))
                    if let name = nonEmptyString(entry.value) { spec.rename[entry.key] = name } else { failed = true }
                }
            } else { failed = true }
        }
        if let excludeSlot = fields.slot("exclude") {
            if let items = self.items(excludeSlot) {
                for item in items {
                    if let stage = nonEmptyString(item) {
                        spec.exclude.append(stage)
                        references.append((stage, item.anchor, item.path))
                    } else { failed = true }
                }
            } else { failed = true }
        }
        if let mapSlot = fields.slot("map") {
            if let entries = stringMap(mapSlot) {
                for entry in entries {
                    references.append((entry.key, entry.keyNode, entry.value.path))
                    if let target = target(entry.value) { spec.map[entry.key] = target } else { failed = true }
                }
            } else { failed = true }
        }
        return failed ? nil : ReadMirror(spec: spec, fromKey: fromKey, stageReferences: references)
    }

    /// The phases a mirror produces from declared stages (open stages in order, minus the excluded
    /// and the mapped ones, renamed), after checking that every stage it names exists.
    func mirroredPhases(_ mirror: ReadMirror, stages: [ReadStage]) -> [ReadPhase] {
        // Ids first, so a suggestion prefers the id when an id and a label are equally close.
        var names: [String] = []
        for name in stages.map(\.spec.id) + stages.map(\.spec.label) where !names.contains(name) { names.append(name) }
        for reference in mirror.stageReferences where !names.contains(reference.text) {
            let hint = Suggestion.closest(to: reference.text, among: names).map { " (did you mean \"\($0)\"?)" } ?? ""
            error("\(reference.path): no stage \"\(reference.text)\" in source.stages\(hint)", at: reference.node)
        }
        let spec = mirror.spec
        func named(_ stage: StageSpec, in keys: some Collection<String>) -> Bool {
            keys.contains(stage.id) || keys.contains(stage.label)
        }
        return stages
            .filter { $0.spec.kind == .open && !named($0.spec, in: spec.exclude) && !named($0.spec, in: spec.map.keys) }
            .sorted { $0.spec.order < $1.spec.order }
            .map { stage in
                let name = spec.rename[stage.spec.id] ?? spec.rename[stage.spec.label] ?? stage.spec.label
                return ReadPhase(spec: PhaseSpec(name: name, location: stage.spec.location), nameNode: stage.labelNode, was: [])
            }
    }
}
