import ArgumentParser
import Foundation
import FunnelCore
import FunnelPlanner

/// `funnel-bench planner`: the pure planner on synthetic inputs — N records against M live cards,
/// then 10× the records — time (the fastest of `--repeat` plans of each size) and peak memory (issues #5, #15).
struct PlannerBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "planner",
                                                    abstract: "Planner time and memory for N records vs M live cards, and the 10x scaling ratio.")

    @Option(help: "Records in the first run.") var records = 100_000
    @Option(help: "Live cards already in Wix.") var cards = 5_000
    @Option(help: "Multiplier for the scaling run.") var scale = 10

    @Option(help: "Plans made of each size; the fastest counts (a single run of a fraction of a second is noise).")
    var `repeat` = 5

    func run() throws {
        // Every plan, at either size, takes its large arrays fresh from the kernel, as `funnel plan`
        // does in its one run. Left alone, glibc raises its mmap threshold after the first free (up
        // to 32 MB), so repeats of the smaller size reuse warm memory and repeats of the larger one
        // never can: the ratio then measures the allocator (issue #15).
        _ = mallopt(mmapThreshold, 128 * 1024)
        let small = try measure(records: records)
        print(String(format: "planner: %d records, %d live cards: %.3f s, %d steps, peak RSS %.0f MB",
                     records, cards, small.seconds, small.steps, Memory.peakMB()))
        let large = try measure(records: records * scale)
        print(String(format: "planner: %d records, %d live cards: %.3f s, %d steps, peak RSS %.0f MB",
                     records * scale, cards, large.seconds, large.steps, Memory.peakMB()))
        print(String(format: "scaling: %dx the records took %.2fx the time", scale, large.seconds / small.seconds))
    }

    private func measure(records: Int) throws -> (seconds: Double, steps: Int) {
        let phases = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"]
        let targets: [TargetRef] = phases.map { .phase($0) }
        var live = LiveState(workflow: LiveWorkflow(id: "wf", name: "Lead Funnel"),
                             phases: phases.map { LivePhase(id: "p-\($0)", name: $0) }, winPhaseId: "win")
        var state = StateSnapshot(lineage: "bench", workflowId: "wf", winPhaseId: "win")
        var leads: [DesiredLead] = []
        leads.reserveCapacity(records)
        for index in 0..<records {
            let key = "L-\(index)", email = "lead\(index)@example.com"
            let identity = ContactIdentity(kind: .email, value: email)
            // Wix allows 5,000 active cards: like a real CRM, most deals are closed (won or lost).
            let target = index < 4_000 ? targets[index % phases.count] : (index % 2 == 0 ? TargetRef.win : .archive)
            leads.append(DesiredLead(key: key, identity: identity, contact: DesiredContact(first: "F\(index)", email: email),
                                     cardName: "Lead \(index)", target: target, stage: target.text,
                                     provenance: Provenance(recordKey: key, record: "leads.csv:\(index + 2)")))
            guard index < cards else { continue }
            // The first M leads already exist; a third of them moved in the CRM since.
            let livePhase = index % 3 == 0 ? phases[(index + 1) % phases.count] : (target == .win ? "win" : "p-\(target.text)")
            live.cards.append(LiveCard(id: "card-\(index)", name: "Lead \(index)", contactId: "c-\(index)", source: "My CRM",
                                       phaseId: livePhase.hasPrefix("p-") || livePhase == "win" ? livePhase : "p-\(livePhase)",
                                       archived: target == .archive))
            live.contacts["c-\(index)"] = LiveContact(id: "c-\(index)", revision: 1, fields: DesiredContact(first: "F\(index)", email: email))
            live.contactIdsByIdentity[identity] = "c-\(index)"
            state.records[key] = RecordState(key: key, identity: identity, contactId: "c-\(index)", cardId: "card-\(index)",
                                             contact: DesiredContact(first: "F\(index)", email: email), cardName: "Lead \(index)")
        }
        let desired = DesiredFunnel(workflowName: "Lead Funnel", phases: phases.map { DesiredPhase(name: $0) },
                                    cardSource: "My CRM", leads: leads)
        print(String(format: "  inputs built: RSS %.0f MB (%d B per lead, %d B per step, %d B per binding inline)",
                     Memory.currentMB(), MemoryLayout<DesiredLead>.stride, MemoryLayout<PlanStep>.stride,
                     MemoryLayout<RecordBinding>.stride))
        var times: [Double] = [], steps = 0
        for _ in 0..<max(1, `repeat`) {
            let start = Date()
            let plan = try Planner.plan(desired: desired, live: live, state: state, policy: PlanPolicy(allowLargeChanges: true),
                                        context: PlanContext(funnelVersion: "bench", configPath: "x", configDigest: "x", sourceDigest: "x"))
            times.append(Date().timeIntervalSince(start))
            steps = plan.steps.count
            print(String(format: "  plan made in %.3f s: RSS %.0f MB", times.last!, Memory.currentMB()))
        }
        return (times.min()!, steps)
    }
}

enum Memory {
    /// Peak resident set size of this process (VmHWM), in MB.
    static func peakMB() -> Double { statusMB("VmHWM:") }

    /// Resident set size of this process now (VmRSS), in MB.
    static func currentMB() -> Double { statusMB("VmRSS:") }

    private static func statusMB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let digits = line.filter(\.isNumber)
            return (Double(digits) ?? 0) / 1024
        }
        return 0
    }
}

/// glibc's `mallopt(M_MMAP_THRESHOLD, …)` (malloc.h is not in Swift's Glibc module); setting it also
/// turns off glibc's dynamic threshold.
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let mmapThreshold: Int32 = -3
