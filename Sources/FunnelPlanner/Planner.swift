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
        builder.planDefinitions()
        builder.planContacts()
        builder.planCards()
        builder.planMissingCards()
        builder.planPhaseRemoval()
        try builder.checkLimits()
        let gate = builder.blastRadiusGate()
        let steps = builder.orderedSteps()
        var plan = Plan(
            createdAt: context.createdAt, funnelVersion: context.funnelVersion, configPath: context.configPath,
            configDigest: context.configDigest, sourceDigest: context.sourceDigest, stateLineage: state.lineage,
            stateSerial: state.serial, workflowName: desired.workflowName, workflowId: live.workflow?.id,
            steps: steps, drift: builder.drift, rejected: desired.rejected + builder.conflicts,
            unowned: builder.unownedCards(), notes: builder.notes, observed: builder.observedObjects(steps: steps),
            estimate: estimate(steps: steps, context: context), gate: gate, pipeline: context.pipeline,
            recordCount: desired.recordCount, bindings: builder.orderedBindings(),
            phaseBindings: builder.orderedPhaseBindings())
        plan.definitions = builder.orderedDefinitions()
        return plan
    }

    /// API calls apply will make — one per step, two for a workflow create (its win phase id is read
    /// back), one extra per phase deletion (apply checks the phase is empty first) — and how long they
    /// take. Apply runs its groups one after another, each `width` steps at once, so a group takes its
    /// calls × the latency the plan measured ÷ its width, or its calls ÷ the rate limit, whichever is longer.
    static func estimate(steps: [PlanStep], context: PlanContext) -> CallEstimate {
        var callsByGroup: [StepGroup: Int] = [:]
        for step in steps {
            callsByGroup[step.group, default: 0] += step.action == .createWorkflow || step.action == .deletePhase ? 2 : 1
        }
        let parallelism = max(1, context.parallelism)
        let rate = context.requestsPerMinute.flatMap { $0 > 0 ? Double($0) / 60 : nil }
        var byLatency = 0.0, byRate = 0.0, seconds = 0.0
        for (group, calls) in callsByGroup {
            let rounds = (Double(calls) / Double(group.width(parallelism: parallelism))).rounded(.up)
            let latency = rounds * context.secondsPerCall
            let limited = rate.map { Double(calls) / $0 } ?? 0
            byLatency += latency
            byRate += limited
            seconds += max(latency, limited)
        }
        let bound: CallEstimate.Bound = byRate > byLatency ? .rateLimit : .latency
        let basis = switch bound {
        case .rateLimit: "\(context.requestsPerMinute ?? 0) requests/minute"
        case .latency:
            "\(Self.milliseconds(context.secondsPerCall)) per call \(context.latencyMeasured ? "measured" : "assumed"), "
                + "parallelism \(parallelism)"
        }
        return CallEstimate(apiCalls: callsByGroup.values.reduce(0, +), seconds: seconds, basis: basis,
                            planReadCalls: context.planReadCalls,
                            secondsPerCall: context.latencyMeasured ? context.secondsPerCall : nil,
                            parallelism: parallelism, requestsPerMinute: context.requestsPerMinute, bound: bound)
    }

    /// `23 ms`, `0.4 ms`.
    static func milliseconds(_ seconds: Double) -> String {
        let value = seconds * 1000
        return value < 10 ? String(format: "%.1f ms", value) : "\(Int(value.rounded())) ms"
    }
}
