import Hummingbird

/// Handlers for workflows and phases (wix-api.md §3.3).
extension EmulatorCore {
    func workflowHandler(_ operation: EmulatorOperation) -> Handler? {
        let store = self.store
        switch operation {
        case .createWorkflow:
            return { request throws(WixError) in
                let body = try request.decode(WorkflowWire.WorkflowBody.self)
                let id = try await store.write(request.site) { site, rules throws(WixError) in try site.createWorkflow(body, rules: rules) }
                return jsonBody(WorkflowWire.Created(id: id))
            }
        case .listWorkflows:
            return { request throws(WixError) in
                let limit = try request.int("limit"), offset = try request.int("offset"), sort = request.strings("sort")
                return jsonBody(try await store.read(request.site) { site, rules throws(WixError) in
                    try site.listWorkflows(limit: limit, offset: offset, sort: sort, rules: rules)
                })
            }
        case .getWorkflow:
            return { request throws(WixError) in
                let id = request.parameter("workflowId"), perPhase = try request.int("cardsPerPhase")
                return jsonBody(WorkflowWire.GetWorkflow(workflow: try await store.read(request.site) { site, _ throws(WixError) in
                    try site.getWorkflow(id, cardsPerPhase: perPhase)
                }))
            }
        case .updateWorkflow:
            return { request throws(WixError) in
                let id = request.parameter("workflowId"), body = try request.decode(WorkflowWire.WorkflowBody.self)
                try await store.write(request.site) { site, _ throws(WixError) in try site.updateWorkflow(id, body) }
                return jsonBody(WorkflowWire.Empty())
            }
        case .deleteWorkflow:
            return { request throws(WixError) in
                let id = request.parameter("workflowId")
                try await store.write(request.site) { site, _ throws(WixError) in try site.deleteWorkflow(id) }
                return jsonBody(WorkflowWire.Empty())
            }
        case .createPhase:
            return { request throws(WixError) in
                let workflowId = request.parameter("workflowId"), body = try request.decode(WorkflowWire.PhaseBody.self)
                let id = try await store.write(request.site) { site, rules throws(WixError) in
                    try site.createPhase(workflowId: workflowId, body, rules: rules)
                }
                return jsonBody(WorkflowWire.Created(id: id))
            }
        case .listPhases:
            return { request throws(WixError) in
                let workflowId = request.parameter("workflowId")
                let limit = try request.int("limit"), offset = try request.int("offset"), sort = request.strings("sort")
                return jsonBody(try await store.read(request.site) { site, rules throws(WixError) in
                    try site.listPhases(workflowId: workflowId, limit: limit, offset: offset, sort: sort, rules: rules)
                })
            }
        case .getPhase:
            return { request throws(WixError) in
                let id = request.parameter("phaseId")
                return jsonBody(WorkflowWire.GetPhase(phase: try await store.read(request.site) { site, rules throws(WixError) in
                    site.wirePhase(try site.phase(id), cards: rules.phaseCardsPreview)
                }))
            }
        case .updatePhase:
            return { request throws(WixError) in
                let id = request.parameter("phaseId"), body = try request.decode(WorkflowWire.PhaseBody.self)
                try await store.write(request.site) { site, _ throws(WixError) in try site.updatePhase(id, body) }
                return jsonBody(WorkflowWire.Empty())
            }
        case .movePhase:
            return { request throws(WixError) in
                let workflowId = request.parameter("workflowId"), id = request.parameter("phaseId")
                let body = try request.decode(WorkflowWire.MovePhaseBody.self)
                try await store.write(request.site) { site, rules throws(WixError) in
                    try site.movePhase(workflowId: workflowId, id, body, rules: rules)
                }
                return jsonBody(WorkflowWire.Empty())
            }
        case .deletePhase:
            return { request throws(WixError) in
                let id = request.parameter("phaseId")
                try await store.write(request.site) { site, _ throws(WixError) in try site.deletePhase(id) }
                return jsonBody(WorkflowWire.Empty())
            }
        default:
            return nil
        }
    }
}
