import FunnelCore
import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

@Suite("Workflows and phases against the sandbox")
struct WorkflowOperationTests {
    @Test("create, get (with the win phase), list, update and delete a workflow")
    func workflowLifecycle() async throws {
        try await withSandboxClient { wix, _ in
            let id = try await wix.createWorkflow(name: "Lead Funnel", description: "Leads")
            var workflow = try await wix.getWorkflow(id: id)
            #expect(workflow.info.id == id)
            #expect(workflow.info.name == "Lead Funnel")
            #expect(workflow.winPhase.name == "Win")
            #expect(workflow.phases.isEmpty)

            try await wix.updateWorkflow(id: id, description: "All leads")
            workflow = try await wix.getWorkflow(id: id)
            #expect(workflow.info.name == "Lead Funnel")
            #expect(workflow.info.description == "All leads")

            let other = try await wix.createWorkflow(name: "Other")
            let listed = try await wix.workflows().collect()
            #expect(Set(listed.map(\.id)) == [id, other])

            try await wix.deleteWorkflow(id: other)
            #expect(try await wix.workflows().collect().map(\.id) == [id])
        }
    }

    @Test("an unknown workflow is a 404 naming it; a missing name is a 400 with its field")
    func workflowErrors() async throws {
        try await withSandboxClient { wix, _ in
            let missing = await expectWixError { _ = try await wix.getWorkflow(id: "nope") }
            #expect(missing?.status == 404)
            #expect(missing?.isNotFound == true)
            #expect(missing?.target == .workflow("nope"))
            #expect(missing?.method == "GET")
            #expect(missing?.path == "/workflows/v1/workflows/nope")
            #expect(missing?.attempts == 1)

            let invalid = await expectWixError { _ = try await wix.createWorkflow(name: "") }
            #expect(invalid?.status == 400)
            #expect(invalid?.category == .invalidArgument)
            #expect(invalid?.fieldViolations.isEmpty == false)
        }
    }

    @Test("the 31st workflow is a 403")
    func workflowLimit() async throws {
        try await withSandboxClient(EmulatorOptions(limits: .init(workflowsPerSite: 2))) { wix, _ in
            _ = try await wix.createWorkflow(name: "A")
            _ = try await wix.createWorkflow(name: "B")
            let error = await expectWixError { _ = try await wix.createWorkflow(name: "C") }
            #expect(error?.status == 403)
            #expect(error?.category == .permissionDenied)
            #expect(error?.outcomeUnknown == false)
        }
    }

    @Test("a rejected API key is a 401, a foreign site a 403; neither is retried")
    func authErrors() async throws {
        let options = EmulatorOptions(apiKeys: [EmulatorHandle.defaultAPIKey])
        try await withSandboxClient(options, configure: {
            $0.auth = .apiKey(Secret("not-the-key"), siteId: EmulatorHandle.defaultSiteId)
        }) { wix, _ in
            let error = await expectWixError { _ = try await wix.workflows().collect() }
            #expect(error?.status == 401)
            #expect(error?.category == .unauthenticated)
            #expect(error?.attempts == 1)
        }
        try await withSandboxClient(options, configure: {
            $0.auth = .apiKey(EmulatorHandle.defaultAPIKey, siteId: "")
        }) { wix, _ in
            let error = await expectWixError { _ = try await wix.createWorkflow(name: "X") }
            #expect(error?.status == 403)
            #expect(error?.category == .permissionDenied)
            #expect(error?.outcomeUnknown == false)
        }
    }

    @Test("the 61st phase is a 403 naming the workflow's phases")
    func phaseLimit() async throws {
        try await withSandboxClient(EmulatorOptions(limits: .init(phasesPerWorkflow: 1))) { wix, _ in
            let workflow = try await wix.createWorkflow(name: "Funnel")
            _ = try await wix.createPhase(workflowId: workflow, name: "One")
            let error = await expectWixError { _ = try await wix.createPhase(workflowId: workflow, name: "Two") }
            #expect(error?.status == 403)
            #expect(error?.target == .collection("phases", in: .workflow(workflow)))
            #expect(error?.description.contains("phases of workflow \(workflow)") == true)
        }
    }

    @Test("phases: create at positions, list in order, rename, move, delete")
    func phaseLifecycle() async throws {
        try await withSandboxClient { wix, _ in
            let workflow = try await wix.createWorkflow(name: "Funnel")
            let new = try await wix.createPhase(workflowId: workflow, name: "New Lead")
            let qualified = try await wix.createPhase(workflowId: workflow, name: "Qualified")
            let contacted = try await wix.createPhase(workflowId: workflow, name: "Contacted", position: 1)
            var names = try await wix.phases(workflowId: workflow).collect().map(\.name)
            #expect(names == ["New Lead", "Contacted", "Qualified"])

            try await wix.renamePhase(id: qualified, name: "Warm")
            try await wix.movePhase(workflowId: workflow, phaseId: new, position: 2)
            names = try await wix.phases(workflowId: workflow).collect().map(\.name)
            #expect(names == ["Contacted", "Warm", "New Lead"])

            try await wix.deletePhase(id: contacted)
            let workflowNow = try await wix.getWorkflow(id: workflow)
            #expect(workflowNow.phases.map(\.id) == [qualified, new])
            #expect(workflowNow.phasesList.total == 2)
        }
    }

    @Test("phase errors name the phase")
    func phaseErrors() async throws {
        try await withSandboxClient { wix, _ in
            let error = await expectWixError { try await wix.renamePhase(id: "ghost", name: "X") }
            #expect(error?.status == 404)
            #expect(error?.target == .phase("ghost"))
            #expect(error?.description.contains("phase ghost") == true)

            let workflow = try await wix.createWorkflow(name: "Funnel")
            let moveMissing = await expectWixError {
                try await wix.movePhase(workflowId: workflow, phaseId: "ghost", position: 0)
            }
            #expect(moveMissing?.status == 404)
        }
    }
}
