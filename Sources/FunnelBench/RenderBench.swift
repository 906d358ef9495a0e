import ArgumentParser
import Foundation
import FunnelCore
import FunnelRender

/// `funnel-bench render`: time to render and read back a large plan (benchmarks/render.md).
///
/// A plan of N leads (a contact and a card created for each, plus moves and archives) is rendered
/// human, markdown and JSON, masked and unmasked, then the saved document is decoded again.
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Plan rendering: human, markdown, JSON and decode of a large plan.")

    @Option(help: "Leads in the plan (about 2 steps each).")
    var leads = 5_000

    @Option(help: "Runs of each measurement; the median is reported.")
    var runs = 5

    func run() throws {
        let plan = Self.plan(leads: leads)
        let masked = RenderOptions(color: false, showPersonalData: false)
        let shown = RenderOptions(color: false, showPersonalData: true)
        let saved = try PlanRenderer.json(plan, options: .planFile)
        print("plan: \(plan.steps.count) steps, saved document \(saved.utf8.count / 1024) KiB; median of \(runs) runs")
        try measure("human, masked") { PlanRenderer.human(plan, options: masked).count }
        try measure("human, personal data shown") { PlanRenderer.human(plan, options: shown).count }
        try measure("markdown, masked") { PlanRenderer.markdown(plan, options: masked).count }
        try measure("json, masked") { try PlanRenderer.json(plan, options: masked).count }
        try measure("json, plan file (unmasked)") { try PlanRenderer.json(plan, options: .planFile).count }
        try measure("decode saved plan") { try PlanRenderer.decode(Data(saved.utf8)).steps.count }
    }

    private func measure(_ name: String, _ body: () throws -> Int) throws {
        var times: [Duration] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            _ = try body()
            times.append(ContinuousClock.now - started)
        }
        let median = times.sorted()[times.count / 2]
        let milliseconds = Double(median.components.seconds) * 1000 + Double(median.components.attoseconds) / 1e15
        print("  \(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", milliseconds)) ms")
    }

    static func plan(leads: Int) -> Plan {
        var steps: [PlanStep] = []
        let config = SourceLocation(file: "/bench/funnel.yaml", line: 27, column: 14)
        for index in 0..<leads {
            let key = "L-\(index)"
            let email = "lead\(index)@example.com"
            let provenance = Provenance(recordKey: key, record: "leads.csv:\(index + 2)", config: config)
            switch index % 4 {
            case 0, 1:
                steps.append(PlanStep(id: steps.count + 1, group: .contacts, action: .createContact,
                                      address: "contact[\"\(key)\"]",
                                      after: ["first": "Lead", "last": "\(index)", "email": email, "phone": "+33 6 12 34 56 78"],
                                      reason: "no Wix contact with email \(email)", provenance: provenance,
                                      operation: .createContact(identity: ContactIdentity(kind: .email, value: email),
                                                                fields: DesiredContact(first: "Lead", last: "\(index)",
                                                                                       email: email, phone: "+33 6 12 34 56 78"))))
                steps.append(PlanStep(id: steps.count + 1, group: .cardCreate, action: .createCard, address: "card[\"\(key)\"]",
                                      after: ["name": "Lead \(index)", "phase": "New Lead"], reason: "stage new maps to New Lead",
                                      provenance: provenance, dependsOn: [steps.count],
                                      operation: .createCard(workflow: .id("wf-1"), phase: .id("ph-1"),
                                                             contact: .created(step: steps.count), name: "Lead \(index)",
                                                             description: "Company \(index)", source: "My CRM", recordKey: key)))
            case 2:
                steps.append(PlanStep(id: steps.count + 1, group: .cardMove, action: .moveCard, address: "card[\"\(key)\"]",
                                      before: ["phase": "Qualified"], after: ["phase": "Proposal Sent"],
                                      reason: "stage qualified -> proposal", provenance: provenance,
                                      operation: .moveCard(card: "card-\(index)", phase: .id("ph-4"))))
            default:
                steps.append(PlanStep(id: steps.count + 1, group: .cardArchive, action: .archiveCard, address: "card[\"\(key)\"]",
                                      before: ["phase": "Contacted"], reason: "stage lost maps to $archive",
                                      provenance: provenance, operation: .archiveCard(card: "card-\(index)")))
            }
        }
        return Plan(createdAt: Date(), funnelVersion: "bench", configPath: "/bench/funnel.yaml", configDigest: "c",
                    sourceDigest: "s", stateLineage: "l", stateSerial: 1, workflowName: "Lead Funnel", workflowId: "wf-1",
                    steps: steps, estimate: CallEstimate(apiCalls: steps.count, seconds: Double(steps.count) * 0.3,
                                                          basis: "200 requests/minute"),
                    recordCount: leads)
    }
}
