import FunnelCore
public import WixAPI

/// `funnel doctor`: proves the credentials, the site id and the permissions with read-only calls,
/// and with `write` settles every open reading of the docs (wix-api.md §7) on a scratch workflow
/// and one scratch contact, which are deleted again whatever happens (a failed check, a stop).
public struct Doctor: Sendable {
    let client: WixClient
    /// The configured workflow (its cards are listed when it exists).
    let workflowName: String
    let workflowId: String?
    /// Makes the scratch names unique: `funnel-doctor-<suffix>`.
    let suffix: String

    public init(client: WixClient, workflowName: String, workflowId: String? = nil,
                suffix: String = String(UInt32.random(in: 0...UInt32.max), radix: 16)) {
        self.client = client
        self.workflowName = workflowName
        self.workflowId = workflowId
        self.suffix = suffix
    }

    static let workflowsPermission = "access to Workflows (Wix documents no scope name; include the Workflows permissions)"
    static let readContacts = "the \"Read Contacts\" permission"
    static let manageContacts = "the \"Manage Contacts\" permission"

    /// Runs the checks. `stop` (Ctrl-C) ends the write checks early; the scratch objects are still deleted.
    public func run(write: Bool, stop: StopSignal? = nil) async -> DoctorReport {
        var checks = await readOnlyChecks()
        if write, checks.allSatisfy(\.ok) {
            checks += await ScratchSite(client: client, suffix: suffix, stop: stop).run()
        }
        return DoctorReport(checks: checks)
    }

    /// List workflows, query one contact, list the cards of the configured workflow if it exists.
    func readOnlyChecks() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        var workflows: [WorkflowInfo] = []
        do {
            workflows = try await client.workflows().collect()
            checks.append(DoctorCheck(id: "list-workflows", assumes: "the API key and site id can list workflows",
                                      detail: "\(workflows.count) workflow(s)", ok: true))
        } catch {
            checks.append(DoctorCheck(id: "list-workflows", assumes: "the API key and site id can list workflows",
                                      detail: DoctorAdvice.explain(error, permission: Self.workflowsPermission), ok: false))
        }
        do {
            let page = try await client.probe("POST", "/contacts/v4/contacts/query",
                                              body: .object(["query": .object(["paging": .object(["limit": .number(1)])])]))
            let total = page[path: "pagingMetadata.total"].map(\.stringValue) ?? "0" // proto3 JSON leaves 0 out
            checks.append(DoctorCheck(id: "query-contacts", assumes: "the API key can query contacts",
                                      detail: "\(total) contact(s)", ok: true))
        } catch {
            checks.append(DoctorCheck(id: "query-contacts", assumes: "the API key can query contacts",
                                      detail: DoctorAdvice.explain(error, permission: Self.readContacts), ok: false))
        }
        let assumes = "the API key can list the cards of \"\(workflowName)\""
        if let id = workflowId ?? workflows.first(where: { $0.name == workflowName })?.id {
            do {
                var count = 0
                for try await _ in client.cards(workflowId: id) { count += 1 }
                checks.append(DoctorCheck(id: "list-cards", assumes: assumes, detail: "\(count) active card(s)", ok: true))
            } catch {
                checks.append(DoctorCheck(id: "list-cards", assumes: assumes,
                                          detail: DoctorAdvice.explain(error, permission: Self.workflowsPermission), ok: false))
            }
        } else if checks.first?.ok == true {
            checks.append(DoctorCheck(id: "list-cards", assumes: assumes,
                                      detail: "no such workflow yet; funnel apply creates it", ok: true))
        }
        return checks
    }
}
