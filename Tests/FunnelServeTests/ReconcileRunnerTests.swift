import Foundation
import FunnelKit
import Testing
@testable import FunnelServe

@Suite("Reconcile runner and cycle reports")
struct ReconcileRunnerTests {
    @Test("failures back off the next run and make health failing; a success resets them")
    func backoff() async {
        let runner = ReconcileRunner(reconciler: RecordingReconciler(failing: true), metrics: ServeMetrics())
        let schedule = CycleSchedule(interval: .seconds(10), jitter: 0)
        let first = await runner.run(.all, schedule: schedule)
        let second = await runner.run(.all, schedule: schedule)
        #expect(first.line.contains("failed: sandbox unreachable"))
        let firstDelay = first.nextRun!.timeIntervalSince(first.startedAt)
        let secondDelay = second.nextRun!.timeIntervalSince(second.startedAt)
        #expect((19...21).contains(firstDelay))
        #expect((39...41).contains(secondDelay))
        #expect(await runner.health.consecutiveFailures == 2)
        #expect(await runner.health.lastSuccess == nil)
    }

    @Test("cycle lines say what was applied, how long it took and when the next run is")
    func lines() {
        let applied = CycleReport(number: 3, trigger: .interval, startedAt: Date(), duration: .milliseconds(420),
                                  result: .finished(CycleOutcome(kind: .applied, planSummary: "Plan: 2 to move.",
                                                                 stepsApplied: ["move_card": 2])),
                                  nextRun: Date(timeIntervalSince1970: 0))
        #expect(applied.line.hasPrefix("cycle 3 (interval): 2 changes applied (Plan: 2 to move.) in 0.42 s; next run at "))
        let refused = CycleReport(number: 4, trigger: .webhook(records: 1), startedAt: Date(), duration: .milliseconds(50),
                                  result: .finished(CycleOutcome(kind: .refused(reason: "12 archives exceed max_archive 10%"))))
        #expect(refused.line == "cycle 4 (webhook, 1 record): refused by policy, nothing written: 12 archives exceed max_archive 10% in 0.05 s")
        #expect(!refused.succeeded)
    }
}
