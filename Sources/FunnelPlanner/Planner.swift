import Foundation
import FunnelCore

/// The pure diff at funnel's heart: (desired, live, state) → Plan. No I/O, no clock (the time comes in
/// through `PlanContext`), deterministic for the same inputs.
public enum Planner {
    public static func plan(desired: DesiredFunnel, live: LiveState, state: StateSnapshot, policy: PlanPolicy,
                            context: PlanContext) throws(PlanningError) -> Plan {
        var builder = PlanBuilder(desired: desired, live: live, state: state, policy: policy)
        builder.planWorkflow()
        builder.planPhases()
        builder.planContacts()
        builder.planCards()
        builder.planMissingCards()
        builder.planPhaseRemoval()
        try builder.checkLimits()
        let gate = builder.blastRadiusGate()
        let steps = builder.orderedSteps()
        return Plan(
            createdAt: context.createdAt, funnelVersion: context.funnelVersion, configPath: context.configPath,
            configDigest: context.configDigest, sourceDigest: context.sourceDigest, stateLineage: state.lineage,
            stateSerial: state.serial, workflowName: desired.workflowName, workflowId: live.workflow?.id,
            steps: steps, drift: builder.drift, rejected: desired.rejected + builder.conflicts,
            unowned: builder.unownedCards(), notes: builder.notes, observed: builder.observedObjects(steps: steps),
            estimate: estimate(steps: steps, context: context), gate: gate, pipeline: context.pipeline,
            recordCount: desired.recordCount, bindings: builder.orderedBindings(),
            phaseBindings: builder.orderedPhaseBindings())
    }

    /// API calls apply will make: one per step, two for a workflow create (its win phase id is read
    /// back), one extra per phase deletion (apply checks the phase is empty first).
    static func estimate(steps: [PlanStep], context: PlanContext) -> CallEstimate {
        let calls = steps.reduce(0) { total, step in
            switch step.action {
            case .createWorkflow, .deletePhase: total + 2
            default: total + 1
            }
        }
        if let rpm = context.requestsPerMinute, rpm > 0 {
            return CallEstimate(apiCalls: calls, seconds: Double(calls) * 60 / Double(rpm),
                                basis: "\(rpm) requests/minute", planReadCalls: context.planReadCalls)
        }
        let parallel = max(1, context.parallelism)
        return CallEstimate(apiCalls: calls, seconds: Double(calls) * context.secondsPerCall / Double(parallel),
                            basis: "no rate limit, parallelism \(parallel)", planReadCalls: context.planReadCalls)
    }
}

/// Addresses as `funnel state` and the plan print them.
public enum Address {
    public static let workflow = "workflow"
    public static func phase(_ name: String) -> String { "phase[\(quoted(name))]" }
    public static func contact(_ key: String) -> String { "contact[\(quoted(key))]" }
    public static func card(_ key: String) -> String { "card[\(quoted(key))]" }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
