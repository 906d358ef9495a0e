import FunnelCore

extension PlanBuilder {
    /// Group 1: the workflow exists with the configured name and description.
    mutating func planWorkflow() {
        guard let workflow = live.workflow else {
            let step = add(.workflow, .createWorkflow, .text(Address.workflow), after: ["name": desired.workflowName],
                           reason: "no workflow named \"\(desired.workflowName)\" exists in Wix",
                           .createWorkflow(name: desired.workflowName, description: desired.workflowDescription))
            workflowStep = step
            workflowRef = .created(step: step)
            winRef = .winPhaseOf(step: step)
            return
        }
        workflowRef = .id(workflow.id)
        winRef = .id(live.winPhaseId ?? "")
        let descriptionDiffers = desired.workflowDescription != nil && workflow.description != desired.workflowDescription
        if workflow.name != desired.workflowName || descriptionDiffers {
            var before: StepValues = ["name": workflow.name], after: StepValues = ["name": desired.workflowName]
            if descriptionDiffers {
                before["description"] = workflow.description ?? ""
                after["description"] = desired.workflowDescription ?? ""
            }
            add(.workflow, .updateWorkflow, .text(Address.workflow), before: before, after: after,
                reason: "the workflow's name or description differs from funnel.yaml",
                .updateWorkflow(workflow: workflow.id, name: desired.workflowName,
                                description: desired.workflowDescription ?? workflow.description))
        }
    }

    /// Group 2: phases created at their position, renamed through `was` (or a mirrored stage id),
    /// and reordered with the fewest moves (everything outside a longest increasing run moves).
    mutating func planPhases() {
        let matches = matchPhases()
        let livePhaseById = Dictionary(live.phases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let matchedLive = Set(matches.values)
        removedPhases = live.phases.filter { !matchedLive.contains($0.id) }

        var previous: Int? = workflowStep
        // Renames first: names must be right before anything refers to them.
        for phase in desired.phases {
            guard let id = matches[phase.name], let current = livePhaseById[id], current.name != phase.name else { continue }
            let reason = phase.stageId.map { "CRM stage \($0) is now labelled \"\(phase.name)\"" }
                ?? (phase.was.contains(current.name) ? "renamed in funnel.yaml (was: \(current.name))"
                    : "phase was renamed in Wix; funnel.yaml calls it \"\(phase.name)\"")
            previous = add(.phases, .renamePhase, .text(Address.phase(phase.name)), before: ["name": current.name],
                           after: ["name": phase.name], reason: reason, provenance: Provenance(config: phase.location),
                           dependsOn: previous.map { [$0] } ?? [], .renamePhase(phase: id, name: phase.name))
        }

        // Order: keep the longest run already in desired order, move the rest, create the new ones.
        let desiredIndex = Dictionary(desired.phases.enumerated().map { ($0.element.name, $0.offset) },
                                      uniquingKeysWith: { first, _ in first })
        let liveOrder = live.phases.map(\.id)
        let nameById = Dictionary(matches.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        let matchedInLiveOrder = liveOrder.compactMap { id in nameById[id].map { (id: id, index: desiredIndex[$0]!) } }
        let anchors = Set(longestIncreasingRun(matchedInLiveOrder.map(\.index)).map { matchedInLiveOrder[$0].id })

        var board = liveOrder            // simulated active phases, left to right
        var token: [String: String] = [:] // desired name → simulated token (live id or "new:name")
        for (name, id) in matches { token[name] = id }
        for (index, phase) in desired.phases.enumerated() {
            let predecessor = index == 0 ? nil : token[desired.phases[index - 1].name]
            if let id = matches[phase.name] {
                phaseRefs[phase.name] = .id(id)
                guard !anchors.contains(id) else { continue }
                board.removeAll { $0 == id }
                let position = predecessor.flatMap { board.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
                board.insert(id, at: position)
                let from = liveOrder.firstIndex(of: id) ?? 0
                previous = add(.phases, .movePhase, .text(Address.phase(phase.name)), before: ["position": String(from)],
                               after: ["position": String(position)],
                               reason: phase.stageId != nil ? "CRM stage order changed" : "phase order in funnel.yaml changed",
                               provenance: Provenance(config: phase.location), dependsOn: previous.map { [$0] } ?? [],
                               .movePhase(workflow: workflowRef.knownID ?? "", phase: id, position: position))
            } else {
                let newToken = "new:" + phase.name
                let position = predecessor.flatMap { board.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
                board.insert(newToken, at: position)
                token[phase.name] = newToken
                let reason = phase.stageId.map { "CRM stage \($0) has no phase in Wix" }
                    ?? "phase \"\(phase.name)\" is in funnel.yaml but not in Wix"
                let step = add(.phases, .createPhase, .text(Address.phase(phase.name)), after: ["position": String(position)],
                               reason: reason, provenance: Provenance(config: phase.location),
                               dependsOn: previous.map { [$0] } ?? [],
                               .createPhase(workflow: workflowRef, name: phase.name, position: position))
                previous = step
                phaseRefs[phase.name] = .created(step: step)
                phaseSteps[phase.name] = step
            }
        }
        if board.count > 60 {
            problems.append("the plan needs \(board.count) active phases at once (phases removed from funnel.yaml are deleted last); Wix allows 60 per workflow")
        }
    }

    /// Desired phase name → live phase id: by mirrored stage id, exact name, state memory, then `was`.
    func matchPhases() -> [String: String] {
        var matches: [String: String] = [:]
        var used: Set<String> = []
        let liveIds = Set(live.phases.map(\.id))
        func take(_ name: String, _ id: String?) {
            guard let id, matches[name] == nil, !used.contains(id), liveIds.contains(id) else { return }
            matches[name] = id
            used.insert(id)
        }
        for phase in desired.phases {
            if let stage = phase.stageId { take(phase.name, state.phases.first { $0.stageId == stage }?.phaseId) }
        }
        for phase in desired.phases {
            take(phase.name, live.phases.first { $0.name == phase.name && !used.contains($0.id) }?.id)
        }
        for phase in desired.phases where phase.stageId == nil {
            take(phase.name, state.phases.first { $0.name == phase.name && $0.stageId == nil }?.phaseId)
        }
        for phase in desired.phases {
            for former in phase.was {
                take(phase.name, live.phases.first { $0.name == former && !used.contains($0.id) }?.id)
                take(phase.name, state.phases.first { $0.name == former }?.phaseId)
            }
        }
        return matches
    }
}

/// Indices (into `values`) of one longest strictly increasing subsequence, in order. O(n log n).
func longestIncreasingRun(_ values: [Int]) -> [Int] {
    var tails: [Int] = []          // index into values of the smallest tail for each length
    var parent = [Int](repeating: -1, count: values.count)
    for (index, value) in values.enumerated() {
        var low = 0, high = tails.count
        while low < high {
            let mid = (low + high) / 2
            if values[tails[mid]] < value { low = mid + 1 } else { high = mid }
        }
        if low > 0 { parent[index] = tails[low - 1] }
        if low == tails.count { tails.append(index) } else { tails[low] = index }
    }
    var result: [Int] = []
    var current = tails.last ?? -1
    while current >= 0 { result.append(current); current = parent[current] }
    return result.reversed()
}
