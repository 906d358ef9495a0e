import FunnelCore
import Yams

/// `workflow:` — name, description, and the phases as a list or mirrored from the source.
extension ConfigReader {
    /// The name of the phase every Wix workflow already has; `$win` in a stage map sends cards there.
    static let winPhaseName = "Win"
    /// Wix allows 60 phases per workflow, the Win phase included.
    static let maxActivePhases = 59

    /// A phase as read, with the nodes its checks report at.
    struct ReadPhase {
        var spec: PhaseSpec
        var nameNode: Node
        var was: [(name: String, node: Node)]
    }

    /// `workflow:` as read: the spec, and the nodes the cross-section checks report at.
    struct ReadWorkflow {
        var spec: WorkflowSpec
        var phases: [ReadPhase]
        var mirror: ReadMirror?
        var phasesSlot: Slot
    }

    func workflow(_ slot: Slot) -> ReadWorkflow? {
        guard let fields = self.fields(slot, ConfigKeys.workflow) else { return nil }
        let name = fields.slot("name").flatMap(nonEmptyString)
        let description = fields.slot("description").flatMap(string)
        let id = fields.slot("id").flatMap(nonEmptyString)
        guard let phasesSlot = fields.slot("phases") else { return nil }
        if case .mapping = phasesSlot.node {
            guard let mirror = phasesMirror(phasesSlot) else { return nil }
            return ReadWorkflow(spec: WorkflowSpec(name: name, description: description, id: id, phases: .fromSource(mirror.spec),
                                                   location: location(fields.anchor)), phases: [], mirror: mirror, phasesSlot: phasesSlot)
        }
        if !fields.has("name") {
            error("missing required key \"name\" in workflow (required when phases is a list)", at: fields.anchor)
        }
        guard let phases = phaseList(phasesSlot) else { return nil }
        checkPhases(phases, path: phasesSlot.path, at: phasesSlot.anchor)
        return ReadWorkflow(spec: WorkflowSpec(name: name ?? "", description: description, id: id, phases: .list(phases.map(\.spec)),
                                               location: location(fields.anchor)), phases: phases, mirror: nil, phasesSlot: phasesSlot)
    }

    private func phaseList(_ slot: Slot) -> [ReadPhase]? {
        guard let items = self.items(slot) else { return nil }
        var phases: [ReadPhase] = []
        var failed = false
        for item in items {
            if case .mapping = item.node {
                guard let fields = self.fields(item, ConfigKeys.phase),
                      let nameSlot = fields.slot("name"), let name = nonEmptyString(nameSlot) else { failed = true; continue }
                var was: [(name: String, node: Node)] = []
                if let wasSlot = fields.slot("was") {
                    guard let wasItems = self.items(wasSlot) else { failed = true; continue }
                    for wasItem in wasItems {
                        if let former = nonEmptyString(wasItem) { was.append((former, wasItem.node)) } else { failed = true }
                    }
                }
                phases.append(ReadPhase(spec: PhaseSpec(name: name, was: was.map { $0.name }, location: location(nameSlot.anchor)),
                                        nameNode: nameSlot.anchor, was: was))
            } else if Self.kind(of: item.node) == .string {
                guard let name = nonEmptyString(item) else { failed = true; continue }
                phases.append(ReadPhase(spec: PhaseSpec(name: name, location: location(item.anchor)), nameNode: item.anchor, was: []))
            } else {
                typeMismatch(item, expected: "a phase name or a mapping with name and was")
                failed = true
            }
        }
        return failed ? nil : phases
    }

    /// Duplicate names, the Win phase's name, the 60-phase limit, and `was` names that collide.
    func checkPhases(_ phases: [ReadPhase], path: String, at anchor: Node) {
        if phases.isEmpty {
            error("\(path) has no phases; list at least one", at: anchor)
        }
        if phases.count > Self.maxActivePhases {
            error("\(path) has \(phases.count) phases; Wix allows 60 per workflow including the Win phase, so at most \(Self.maxActivePhases) here",
                  at: anchor)
        }
        var byName: [String: ReadPhase] = [:]
        for phase in phases {
            let folded = phase.spec.name.lowercased()
            if folded == Self.winPhaseName.lowercased() {
                error("phase \"\(phase.spec.name)\" has the name of the Win phase, which every workflow already has; map stages to $win instead",
                      at: phase.nameNode)
            } else if let first = byName[folded] {
                error("duplicate phase \"\(phase.spec.name)\"\(Self.firstAt(first.nameNode, from: phase.nameNode))", at: phase.nameNode)
            } else {
                byName[folded] = phase
            }
        }
        var formerNames: [String: ReadPhase] = [:]
        for phase in phases {
            for (former, node) in phase.was {
                let folded = former.lowercased()
                if let current = byName[folded] {
                    error("was name \"\(former)\" is the name of phase \"\(current.spec.name)\"\(Self.firstAt(current.nameNode, from: node, word: "at"))",
                          at: node)
                } else if let owner = formerNames[folded] {
                    error("was name \"\(former)\" is already listed for phase \"\(owner.spec.name)\"\(Self.firstAt(owner.nameNode, from: node, word: "at"))",
                          at: node)
                } else {
                    formerNames[folded] = phase
                }
            }
        }
    }

    /// ` (first at line N)` — with the column when `node` is on the same line as `current` —
    /// or nothing when the node has no position.
    static func firstAt(_ node: Node, from current: Node, word: String = "first at") -> String {
        guard let mark = node.mark else { return "" }
        if mark.line == current.mark?.line { return " (\(word) line \(mark.line), column \(mark.column))" }
        return " (\(word) line \(mark.line))"
    }
}
