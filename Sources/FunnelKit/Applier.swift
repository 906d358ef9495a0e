import Foundation
public import FunnelCore
import FunnelPlanner
public import FunnelState
public import Logging
public import WixAPI

/// Executes a plan against Wix: group by group (DESIGN.md §4), independent steps concurrently up to
/// `parallelism`, every step journaled before and after its call, created ids saved as soon as known.
/// A create whose outcome is unknown (a lost response, a 5xx after the write, an interrupted run) is
/// checked in Wix before it is repeated, so a lead is never duplicated.
public struct Applier: Sendable {
    let client: WixClient
    let store: any StateStore
    let cardSource: String
    /// `contact.country`, for the phones funnel writes.
    let country: String?
    let parallelism: Int
    let logger: Logger
    let stop: StopSignal?

    public init(client: WixClient, store: any StateStore, cardSource: String, country: String? = nil, parallelism: Int,
                logger: Logger, stop: StopSignal? = nil) {
        self.country = country
        self.stop = stop
        self.client = client
        self.store = store
        self.cardSource = cardSource
        self.parallelism = max(1, parallelism)
        self.logger = logger
    }

    /// Runs every step of `plan`. `previous` holds the results of an interrupted run of the same plan
    /// (resume): done steps are not repeated, started ones are checked first.
    public func run(_ plan: Plan, planDigest: String, previous: JournalRun? = nil,
                    events: @escaping @Sendable (ApplyEvent) -> Void) async throws -> ApplyReport {
        let started = Date()
        let cpuBefore = ApplyCost.processCPUSeconds()
        let callsBefore = client.statistics.requests
        let runId = UUID().uuidString.lowercased()
        let snapshot = try await store.snapshot()
        let progress = ApplyProgress(records: snapshot.records)
        var resumeChecks: Set<Int> = []
        var resumeAddresses: Set<String> = []
        if let previous {
            let samePlan = previous.planDigest == planDigest
            for step in previous.steps {
                switch (step.status, samePlan) {
                case (.done, true):
                    var winPhase: String?
                    if step.action == StepAction.createWorkflow.rawValue, let id = step.resultId {
                        winPhase = try await client.getWorkflow(id: id, cardsPerPhase: 0).winPhase.id
                    }
                    await progress.finish(step.stepId, resultId: step.resultId, ok: true, winPhaseId: winPhase)
                case (.started, true), (.failed, true): resumeChecks.insert(step.stepId)
                case (.started, false), (.failed, false): resumeAddresses.insert(step.address)
                default: break
                }
            }
            try await store.finishRun(id: previous.id, status: .interrupted, cost: nil)
        }
        try await store.beginRun(id: runId, planDigest: planDigest, steps: try plan.steps.map { step in
            JournalStep(stepId: step.id, address: step.address, action: step.action.rawValue,
                        payload: try JSONEncoderFactory.sorted.encode(step), status: .pending, resultId: nil, error: nil)
        })
        events(.started(runId: runId, steps: plan.steps.count, parallelism: parallelism, resumedFrom: previous?.id))

        let checks = resumeChecks, addresses = resumeAddresses
        let context = StepContext(client: client, cardSource: cardSource, progress: progress, logger: logger,
                                  workflowId: plan.workflowId, country: country, definitions: plan.definitions)
        for group in StepGroup.allCases {
            let steps = plan.steps.filter { $0.group == group }
            guard !steps.isEmpty else { continue }
            try await forEach(steps, width: group.width(parallelism: parallelism)) { step in
                try await execute(step, runId: runId,
                                  checkFirst: checks.contains(step.id) || addresses.contains(step.address),
                                  context: context, events: events)
            }
        }
        try await saveBindings(plan, progress: progress)
        let report = await progress.report(runId: runId, plan: plan, seconds: Date().timeIntervalSince(started),
                                           apiCalls: client.statistics.requests - callsBefore)
        var final = report
        final.stopped = stop?.isRequested == true && report.done + report.failed.count + report.skipped.count < plan.steps.count
        // What the run cost this process: the next plan's estimate takes apply's CPU per call from it.
        let cost = report.apiCalls > 0
            ? ApplyCost(calls: report.apiCalls, cpuSeconds: ApplyCost.processCPUSeconds() - cpuBefore, seconds: report.seconds) : nil
        try await store.finishRun(id: runId, status: report.failed.isEmpty && !final.stopped ? .done : .failed, cost: cost)
        final.serial = report.done > 0 ? try await store.bumpSerial() : try await store.snapshot().serial
        events(.finished(final))
        return final
    }

    private func execute(_ step: PlanStep, runId: String, checkFirst: Bool, context: StepContext,
                         events: @escaping @Sendable (ApplyEvent) -> Void) async throws {
        if await context.progress.isFinished(step.id) { return } // done by the interrupted run
        if stop?.isRequested == true { return } // stopping: leave it pending in the journal
        let blockers = await context.progress.blockers(of: step)
        if !blockers.isEmpty {
            try await store.markFinished(run: runId, step: step.id, status: .skipped, resultId: nil,
                                   error: "skipped: depends on failed step(s) \(blockers)", mutations: [])
            await context.progress.skip(step.id, blockedBy: blockers)
            events(.stepSkipped(step, blockedBy: blockers))
            return
        }
        try await store.markStarted(run: runId, step: step.id)
        do {
            let outcome = try await StepExecutor(context: context).perform(step, checkFirst: checkFirst)
            let mutations = await context.progress.mutations(for: step, outcome: outcome)
            try await store.markFinished(run: runId, step: step.id, status: .done, resultId: outcome.resultId,
                                   error: nil, mutations: mutations)
            await context.progress.finish(step.id, resultId: outcome.resultId, ok: true, adopted: outcome.adopted,
                                          winPhaseId: outcome.winPhaseId)
            events(.stepDone(step, resultId: outcome.resultId, note: outcome.note))
        } catch {
            let message = Self.describe(error)
            try await store.markFinished(run: runId, step: step.id, status: .failed, resultId: nil, error: message, mutations: [])
            await context.progress.fail(step.id, error: message)
            events(.stepFailed(step, error: message))
        }
    }

    /// Remembers the Wix objects a plan without steps found (an adoption after the state was lost):
    /// no journal run, no call to Wix, only the ids and values every later plan compares against.
    public func remember(_ plan: Plan) async throws {
        try await saveBindings(plan, progress: ApplyProgress(records: try await store.snapshot().records))
    }

    /// Runs `body` over `items` with at most `width` at once; a body error (a state write failing)
    /// stops the apply, since nothing can be journaled any more.
    private func forEach(_ items: [PlanStep], width: Int, _ body: @escaping @Sendable (PlanStep) async throws -> Void) async throws {
        let stop = self.stop
        _ = try await items.concurrentMap(width: width, stopLaunching: { stop?.isRequested == true }, body)
    }

    /// Writes each applied record's ids and values (adoptions included) once its steps succeeded.
    private func saveBindings(_ plan: Plan, progress: ApplyProgress) async throws {
        var mutations: [StateMutation] = []
        let failedAddresses = await progress.unsuccessfulAddresses(plan)
        for binding in plan.bindings where !failedAddresses.contains(Address.card(binding.key))
            && !failedAddresses.contains(Address.contact(binding.key)) {
            guard let contact = await progress.resolve(binding.contact) else { continue }
            let card = await binding.card.asyncMap { await progress.resolve($0) } ?? nil
            let phase = await binding.phase.asyncMap { await progress.resolve($0) } ?? nil
            mutations.append(.upsertRecord(RecordState(
                key: binding.key, identity: binding.identity, contactId: contact, cardId: card,
                contact: binding.contactFields, cardName: binding.cardName, cardDescription: binding.cardDescription,
                target: binding.target, phaseId: phase, cardDue: binding.cardDue)))
        }
        for definition in plan.definitions {
            guard let key = await progress.resolve(definition.key) else { continue }
            mutations.append(.upsertDefinition(DefinitionState(kind: definition.kind, name: definition.name, key: key)))
        }
        for binding in plan.phaseBindings {
            guard let id = await progress.resolve(binding.phase) else { continue }
            mutations.append(.upsertPhase(PhaseState(phaseId: id, name: binding.name, stageId: binding.stageId)))
        }
        let created = await progress.createdWorkflow(plan)
        if let workflow = plan.workflowId ?? created {
            mutations.append(.setWorkflow(id: workflow, winPhaseId: await progress.winPhase(plan)))
        }
        if !mutations.isEmpty { try await store.save(mutations) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? WixError { return error.description }
        if let error = error as? FunnelError { return error.message }
        return "\(error)"
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
