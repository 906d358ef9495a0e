import Foundation

extension WixClient {
    static let workflowsBase = "/workflows/v1"

    /// `POST /workflows`: creates a workflow (with only its win phase) and returns its id.
    /// Not retried blindly: on an error with `outcomeUnknown`, look for it by name in `workflows()`.
    public func createWorkflow(name: String, description: String = "") async throws -> String {
        let body = try WixJSON.encode(["workflow": WorkflowFields(name: name, description: description)])
        let request = WixRequest(
            "POST", Self.workflowsBase + "/workflows", body: body, repeatability: .create,
            target: .collection("workflows", in: nil))
        return try await send(request, as: CreatedId.self).id
    }

    /// `GET /workflows/{id}`: the workflow, its active phases, its win phase, and up to
    /// `cardsPerPhase` cards of each phase (fetch the rest with `cards(workflowId:…)`).
    public func getWorkflow(id: String, cardsPerPhase: Int = 10) async throws -> Workflow {
        let request = WixRequest(
            "GET", Self.workflowsBase + "/workflows/\(id.pathSegment)",
            query: [("cardsPerPhase", String(cardsPerPhase))], target: .workflow(id))
        return try await send(request, as: WorkflowEnvelope.self).workflow
    }

    /// `GET /workflows`: every workflow of the site, all pages.
    public func workflows() -> WixPages<WorkflowInfo> {
        WixPages(pageSize: WixPageSize.workflows) { [self] offset, limit in
            let request = WixRequest(
                "GET", Self.workflowsBase + "/workflows",
                query: [("limit", String(limit)), ("offset", String(offset))],
                target: .collection("workflows", in: nil))
            let page = try await send(request, as: WorkflowsPage.self)
            return .init(items: page.workflows ?? [], total: page.pagination?.total)
        }
    }

    /// `PATCH /workflows/{id}`: changes the name and/or description; nil leaves a field as it is.
    public func updateWorkflow(id: String, name: String? = nil, description: String? = nil) async throws {
        let body = try WixJSON.encode(["workflow": WorkflowPatch(name: name, description: description)])
        try await send(WixRequest(
            "PATCH", Self.workflowsBase + "/workflows/\(id.pathSegment)", body: body, target: .workflow(id)))
    }

    /// `DELETE /workflows/{id}`: deletes the workflow with its phases and cards.
    public func deleteWorkflow(id: String) async throws {
        try await deleting {
            try await send(WixRequest(
                "DELETE", Self.workflowsBase + "/workflows/\(id.pathSegment)", target: .workflow(id)))
        }
    }
}

/// `{"id": "…"}`, the answer to every Workflows create.
struct CreatedId: Decodable { var id: String }

private struct WorkflowFields: Encodable {
    var name: String
    var description: String
}

private struct WorkflowPatch: Encodable {
    var name: String?
    var description: String?
}

private struct WorkflowEnvelope: Decodable { var workflow: Workflow }

private struct WorkflowsPage: Decodable {
    var workflows: [WorkflowInfo]?
    var pagination: Pagination?
}
