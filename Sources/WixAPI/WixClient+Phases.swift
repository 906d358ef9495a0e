extension WixClient {
    /// `POST /workflows/{workflowId}/phases`: creates an active phase at `position` (0-based;
    /// nil puts it last, before the win phase) and returns its id. Not retried blindly: on an
    /// error with `outcomeUnknown`, look for it by name in `phases(workflowId:)`.
    public func createPhase(workflowId: String, name: String, position: Int? = nil) async throws -> String {
        let body = try WixJSON.encode(CreatePhaseBody(phase: .init(name: name), position: position))
        let request = WixRequest(
            "POST", Self.workflowsBase + "/workflows/\(workflowId.pathSegment)/phases", body: body,
            repeatability: .create, target: .collection("phases", in: .workflow(workflowId)))
        return try await send(request, as: CreatedId.self).id
    }

    /// `GET /workflows/{workflowId}/phases`: the active phases (never the win phase), left to
    /// right, all pages.
    public func phases(workflowId: String) -> WixPages<Phase> {
        WixPages(pageSize: WixPageSize.phases) { [self] offset, limit in
            let request = WixRequest(
                "GET", Self.workflowsBase + "/workflows/\(workflowId.pathSegment)/phases",
                query: [("limit", String(limit)), ("offset", String(offset))],
                target: .collection("phases", in: .workflow(workflowId)))
            let page = try await send(request, as: PhasesPage.self)
            return .init(items: page.phases ?? [], total: page.pagination?.total)
        }
    }

    /// `PATCH /phases/{id}`: renames a phase.
    public func renamePhase(id: String, name: String) async throws {
        let body = try WixJSON.encode(["phase": PhaseName(name: name)])
        try await send(WixRequest(
            "PATCH", Self.workflowsBase + "/phases/\(id.pathSegment)", body: body, target: .phase(id)))
    }

    /// `POST /workflows/{workflowId}/phases/{phaseId}/move`: moves an active phase to `position`
    /// (0-based); the phases from there on shift right.
    public func movePhase(workflowId: String, phaseId: String, position: Int) async throws {
        let body = try WixJSON.encode(["newPosition": position])
        try await send(WixRequest(
            "POST", Self.workflowsBase + "/workflows/\(workflowId.pathSegment)/phases/\(phaseId.pathSegment)/move",
            body: body, target: .phase(phaseId)))
    }

    /// `DELETE /phases/{id}`: deletes a phase **and its cards** (they are not archived).
    public func deletePhase(id: String) async throws {
        try await deleting {
            try await send(WixRequest("DELETE", Self.workflowsBase + "/phases/\(id.pathSegment)", target: .phase(id)))
        }
    }
}

private struct PhaseName: Encodable { var name: String }

private struct CreatePhaseBody: Encodable {
    var phase: PhaseName
    var position: Int?
}

private struct PhasesPage: Decodable {
    var phases: [Phase]?
    var pagination: Pagination?
}
