import Foundation
import Synchronization
import Testing
@testable import FunnelServe

@Suite("Cycle schedule and webhook coalescing")
struct SchedulingTests {
    @Test("the interval is spread by ±jitter and doubles after each failure up to the cap")
    func schedule() {
        let schedule = CycleSchedule(interval: .seconds(10), jitter: 0.1, maximumBackoff: .seconds(60))
        #expect(schedule.delay(consecutiveFailures: 0, unit: 0.5) == .seconds(10))
        #expect(schedule.delay(consecutiveFailures: 0, unit: 0) == .seconds(9))
        #expect(schedule.delay(consecutiveFailures: 0, unit: 1) == .seconds(11))
        #expect(schedule.delay(consecutiveFailures: 1, unit: 0.5) == .seconds(20))
        #expect(schedule.delay(consecutiveFailures: 2, unit: 0.5) == .seconds(40))
        #expect(schedule.delay(consecutiveFailures: 3, unit: 0.5) == .seconds(60))
        #expect(schedule.delay(consecutiveFailures: 50, unit: 0.5) == .seconds(60))
        // A cap below the interval never shortens the interval.
        #expect(CycleSchedule(interval: .seconds(900), jitter: 0).delay(consecutiveFailures: 4, unit: 0.3) == .seconds(900))
    }

    @Test("a burst of 50 submissions for one key is flushed once, as one key")
    func burstCoalesces() async {
        let batches = Mutex<[[String]]>([])
        // Generous windows: the burst must fit in one quiet period even on a loaded CI machine.
        let coalescer = KeyCoalescer(timing: .init(quiet: .seconds(2), maximumWait: .seconds(60))) { keys in
            batches.withLock { $0.append(keys) }
        }
        for _ in 0..<50 { await coalescer.submit(["L-001"]) }
        await coalescer.submit(["L-002", "L-001"])
        // The quiet window flushes the burst; however late that happens on a busy machine, whatever
        // is still pending then (a split burst) is flushed by `drain` and shows as a second batch.
        let clock = ContinuousClock(), start = clock.now
        while batches.withLock({ $0.isEmpty }), clock.now - start < .seconds(30) { try? await Task.sleep(for: .milliseconds(50)) }
        await coalescer.drain()
        #expect(batches.withLock { $0 } == [["L-001", "L-002"]])
        #expect(await coalescer.counts.submitted == 52)
        #expect(await coalescer.counts.flushes == 1)
    }

    @Test("a steady stream is flushed at the maximum wait, and keys arriving during a flush wait for the next")
    func maximumWait() async {
        let batches = Mutex<[[String]]>([])
        // The stream never goes quiet for 1 s, so only the maximum wait flushes; it runs 5× that wait
        // so a loaded machine still sees at least one flush before the final drain.
        let coalescer = KeyCoalescer(timing: .init(quiet: .seconds(1), maximumWait: .milliseconds(300))) { keys in
            batches.withLock { $0.append(keys) }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var index = 0
        while clock.now - start < .milliseconds(1500) {
            await coalescer.submit(["K-\(index % 3)"])
            index += 1
            try? await Task.sleep(for: .milliseconds(20))
        }
        await coalescer.drain()
        let seen = batches.withLock { $0 }
        #expect(seen.count >= 2)
        #expect(seen.allSatisfy { Set($0).count == $0.count })
        #expect(await coalescer.counts.flushes == seen.count)
    }
}
