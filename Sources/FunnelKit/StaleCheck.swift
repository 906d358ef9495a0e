import Foundation
import FunnelConfig
import FunnelCore
import FunnelPlanner
import FunnelSources
import FunnelState
import WixAPI

/// Refuses a saved plan the world has moved away from, naming each changed object and how.
struct StaleCheck {
    let client: WixClient
    let now: Date

    func verify(_ plan: Plan, configuration: FunnelConfiguration, state: StateSnapshot,
                dependencies: FunnelDependencies, maxAge: Duration) async throws {
        var reasons: [String] = []
        if plan.formatVersion != Plan.currentFormatVersion {
            reasons.append("the plan has format_version \(plan.formatVersion); this funnel reads \(Plan.currentFormatVersion)")
        }
        if plan.configDigest != configuration.digest {
            reasons.append("funnel.yaml changed since the plan was made (\(configuration.path))")
        }
        let age = now.timeIntervalSince(plan.createdAt)
        let maxSeconds = Double(maxAge.components.seconds)
        if age > maxSeconds {
            reasons.append("the plan is \(Self.duration(age)) old; --max-age is \(Self.duration(maxSeconds))")
        }
        let lineageMatches = plan.stateLineage == state.lineage || (plan.stateLineage.isEmpty && state.serial == 0)
        if !lineageMatches {
            reasons.append("the plan was made against another state (lineage \(plan.stateLineage), this state is \(state.lineage))")
        } else if plan.stateSerial != state.serial {
            reasons.append("the state changed since the plan (serial \(plan.stateSerial) → \(state.serial)): another apply ran")
        }
        let mapped = try await SourceFactory.readAndMap(configuration, from: dependencies.source).mapped
        if mapped.snapshotDigest != plan.sourceDigest {
            reasons.append("the source records changed since the plan was made (snapshot \(plan.sourceDigest.prefix(12)) → \(mapped.snapshotDigest.prefix(12)))")
        }
        reasons += try await changedObjects(plan)
        guard reasons.isEmpty else {
            throw FunnelError("refusing to apply a stale plan; nothing was written:\n  - "
                              + reasons.joined(separator: "\n  - ")
                              + "\nRun `funnel plan` again to see what applies now.")
        }
    }

    /// Re-reads only the objects the plan recorded and describes every one that moved.
    func changedObjects(_ plan: Plan) async throws -> [String] {
        var changes: [String] = []
        let workflowObjects = plan.observed.filter { $0.kind == .workflow || $0.kind == .phase }
        if let workflowId = plan.workflowId, !workflowObjects.isEmpty {
            let workflow: Workflow
            do {
                workflow = try await client.getWorkflow(id: workflowId, cardsPerPhase: 0)
            } catch let error as WixError where error.isNotFound {
                return ["workflow (\(workflowId)) was deleted in Wix"]
            }
            let positions = Dictionary(workflow.phases.enumerated().map { ($0.element.id, ($0.offset, $0.element.name)) },
                                       uniquingKeysWith: { first, _ in first })
            for object in workflowObjects {
                let now: String?
                if object.kind == .workflow {
                    now = PlanVersions.workflow(LiveWorkflow(id: workflow.info.id, name: workflow.info.name,
                                                             description: workflow.info.description))
                } else {
                    now = positions[object.id].map { PlanVersions.phase(name: $0.1, position: $0.0) }
                }
                if now != object.version { changes.append(Self.describe(object, now: now)) }
            }
        }
        // Cards Get Card answered 404 for: archived ones on a site that answers 404 for them
        // (`archived-card-404`) are "archived", not "deleted"; one listing tells them apart.
        var archivedIds: Set<String>?
        func isArchived(_ id: String) async throws -> Bool {
            guard let workflowId = plan.workflowId else { return false }
            if archivedIds == nil {
                archivedIds = Set(try await client.cards(workflowId: workflowId, archived: true).collect().map(\.id))
            }
            return archivedIds?.contains(id) == true
        }
        for object in plan.observed where object.kind == .card || object.kind == .contact {
            var now: String?
            do {
                if object.kind == .card {
                    if let card = try await client.getCard(id: object.id) {
                        now = PlanVersions.card(LiveReader.liveCard(card, archived: false))
                    } else {
                        now = "archived"
                    }
                } else {
                    now = PlanVersions.contact(LiveReader.liveContact(try await client.getContact(id: object.id)))
                }
            } catch let error as WixError where error.isNotFound {
                if object.kind == .card, try await isArchived(object.id) { now = "archived" } else { now = nil }
            }
            if let now, object.kind == .card, now == "archived", object.version.contains("phase=archived") { continue }
            if now != object.version { changes.append(Self.describe(object, now: now)) }
        }
        return changes
    }

    static func describe(_ object: ObservedObject, now: String?) -> String {
        guard let now else { return "\(object.address) (\(object.id)) was deleted in Wix" }
        let before = fields(object.version), after = fields(now)
        let diffs = before.keys.sorted().compactMap { key -> String? in
            let old = before[key] ?? "", new = after[key] ?? (now == "archived" && key == "phase" ? "archived" : "")
            return old == new ? nil : "\(key) \(old.isEmpty ? "(none)" : old) → \(new.isEmpty ? "(none)" : new)"
        }
        return "\(object.address) (\(object.id)) changed in Wix since the plan: "
            + (diffs.isEmpty ? "now \(now)" : diffs.joined(separator: ", "))
    }

    static func fields(_ version: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in version.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            result[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return result
    }

    static func duration(_ seconds: Double) -> String {
        if seconds >= 3600 { return String(format: "%.1f h", seconds / 3600) }
        return seconds >= 60 ? String(format: "%.0f min", seconds / 60) : String(format: "%.0f s", seconds)
    }
}
