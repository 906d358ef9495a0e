import Foundation
public import FunnelCore

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
        let newIds = builder.renumbering()
        let steps = builder.orderedSteps(newIds)
        let bindings = builder.orderedBindings(newIds)
        var plan = Plan(
            createdAt: context.createdAt, funnelVersion: context.funnelVersion, configPath: context.configPath,
            configDigest: context.configDigest, sourceDigest: context.sourceDigest, stateLineage: state.lineage,
            stateSerial: state.serial, workflowName: desired.workflowName, workflowId: live.workflow?.id,
            steps: steps, drift: builder.drift, rejected: desired.rejected + builder.conflicts,
            unowned: builder.unownedCards(), notes: builder.notes, observed: builder.observedObjects(steps: steps),
            estimate: estimate(steps: steps, context: context), gate: gate, pipeline: context.pipeline,
            recordCount: desired.recordCount, bindings: bindings,
            phaseBindings: builder.orderedPhaseBindings(newIds))
        plan.definitions = builder.orderedDefinitions(newIds)
        return plan
    }

    /// API calls apply will make (`PlanStep.apiCalls`: one per step, two for a workflow create, a
    /// phase move or deletion and a contact update, but one per label change alone) — and how long they
    /// take. Apply runs its groups one after another, each `width` steps at once; a group takes the
    /// longest of three bounds: its rounds of `width` calls × the latency the plan measured, its calls ×
    /// apply's CPU per call (remembered from the last apply) ÷ the cores it can use, and its calls ÷ the
    /// rate limit (docs/plan-format.md "The estimate").
    public static func estimate(steps: [PlanStep], context: PlanContext) -> CallEstimate {
        var callsByGroup: [StepGroup: Int] = [:]
        for index in steps.indices { // by index: `for step in steps` copies each step
            callsByGroup[steps[index].group, default: 0] += steps[index].apiCalls
        }
        let parallelism = max(1, context.parallelism)
        let rate = context.requestsPerMinute.flatMap { $0 > 0 ? Double($0) / 60 : nil }
        let cpu = context.cpuSecondsPerCall
        var bounds = CallEstimate.Bounds(latency: 0, cpu: cpu.map { _ in 0 }, rateLimit: rate.map { _ in 0 })
        var seconds = 0.0
        // In group order, not the dictionary's: floating-point sums in another order differ in the
        // last digit, and the same inputs must give the same plan document.
        for group in StepGroup.allCases {
            guard let calls = callsByGroup[group] else { continue }
            let width = group.width(parallelism: parallelism)
            let latency = (Double(calls) / Double(width)).rounded(.up) * context.secondsPerCall
            let busy = cpu.map { Double(calls) * $0 / min(context.availableCores ?? Double(context.cores), Double(width)) }
            let limited = rate.map { Double(calls) / $0 }
            bounds.latency += latency
            bounds.cpu = bounds.cpu.map { $0 + (busy ?? 0) }
            bounds.rateLimit = bounds.rateLimit.map { $0 + (limited ?? 0) }
            seconds += max(latency, busy ?? 0, limited ?? 0)
        }
        let bound: CallEstimate.Bound = if let limited = bounds.rateLimit, limited >= max(bounds.latency, bounds.cpu ?? 0) {
            .rateLimit
        } else if let busy = bounds.cpu, busy > bounds.latency {
            .cpu
        } else {
            .latency
        }
        return CallEstimate(apiCalls: callsByGroup.values.reduce(0, +), seconds: seconds,
                            basis: basis(bound: bound, context: context, parallelism: parallelism),
                            planReadCalls: context.planReadCalls,
                            secondsPerCall: context.latencyMeasured ? context.secondsPerCall : nil,
                            parallelism: parallelism, requestsPerMinute: context.requestsPerMinute, bound: bound,
                            cpuSecondsPerCall: cpu, cores: cpu.map { _ in min(context.cores, parallelism) },
                            availableCores: context.availableCores, bounds: bounds)
    }

    /// `23 ms per call measured, parallelism 8; apply's CPU 0.6 ms per call, 2 cores` (`0.2 of 2 cores
    /// free` on a busy machine), the bounding
    /// figure first; `…; apply's CPU per call not yet known` before the first apply (a rate limit
    /// alone when that bounds and the CPU is known).
    static func basis(bound: CallEstimate.Bound, context: PlanContext, parallelism: Int) -> String {
        let latency = "\(milliseconds(context.secondsPerCall)) per call \(context.latencyMeasured ? "measured" : "assumed"), "
            + "parallelism \(parallelism)"
        let cores = min(context.cores, parallelism)
        let free = context.availableCores.map { String(format: "%.1f of ", $0) } ?? ""
        let cpu = context.cpuSecondsPerCall.map {
            "apply's CPU \(milliseconds($0)) per call, \(free)\(cores) core\(cores == 1 ? "" : "s")\(free.isEmpty ? "" : " free")"
        } ?? "apply's CPU per call not yet known"
        return switch bound {
        case .rateLimit:
            "\(context.requestsPerMinute ?? 0) requests/minute" + (context.cpuSecondsPerCall == nil ? "; \(cpu)" : "")
        case .latency: "\(latency); \(cpu)"
        case .cpu: "\(cpu); \(latency)"
        }
    }

    /// `23 ms`, `0.4 ms`.
    static func milliseconds(_ seconds: Double) -> String {
        let value = seconds * 1000
        return value < 10 ? String(format: "%.1f ms", value) : "\(Int(value.rounded())) ms"
    }
}
