import Foundation
import Synchronization
import FunnelTestSupport
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

    /// Polls (in real time, briefly) until `condition` holds.
    static func until(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
    }

    @Test("a burst of 50 submissions for one key is flushed once, as one key, after the quiet window")
    func burstCoalesces() async {
        let clock = ManualClock()
        let batches = Mutex<[[String]]>([])
        let coalescer = KeyCoalescer(timing: .init(quiet: .seconds(1), maximumWait: .seconds(20)), clock: clock) { keys in
            batches.withLock { $0.append(keys) }
        }
        for _ in 0..<50 { await coalescer.submit(["L-001"]) }
        await coalescer.submit(["L-002", "L-001"])
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(999))
        await clock.waitForSleepers(1)  // woken too early? it would sleep again
        #expect(batches.withLock { $0 }.isEmpty)
        clock.advance(by: .milliseconds(1))
        await Self.until { !batches.withLock { $0 }.isEmpty }
        #expect(batches.withLock { $0 } == [["L-001", "L-002"]])
        #expect(await coalescer.counts.submitted == 52)
        #expect(await coalescer.counts.flushes == 1)
    }

    @Test("a steady stream is flushed at the maximum wait, and keys arriving during a flush wait for the next")
    func maximumWait() async {
        let clock = ManualClock()
        let batches = Mutex<[[String]]>([])
        let (gate, open) = AsyncStream<Void>.makeStream()
        let coalescer = KeyCoalescer(timing: .init(quiet: .seconds(1), maximumWait: .milliseconds(300)), clock: clock) { keys in
            let first = batches.withLock { batches -> Bool in
                batches.append(keys)
                return batches.count == 1
            }
            if first { for await _ in gate { break } }  // the first flush lasts until the test opens the gate
        }
        for index in 0..<3 {  // t = 0, 100, 200 ms: never quiet for 1 s
            await coalescer.submit(["K-\(index)"])
            await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(100))
        }
        // t = 300 ms: the maximum wait flushes; K-3 arrives while that flush is still running.
        await Self.until { batches.withLock { $0.count } == 1 }
        await coalescer.submit(["K-3", "K-0"])
        open.yield()
        await clock.waitForSleepers(1)
        #expect(batches.withLock { $0.count } == 1)
        clock.advance(by: .milliseconds(300))
        await Self.until { batches.withLock { $0.count } == 2 }
        #expect(batches.withLock { $0 } == [["K-0", "K-1", "K-2"], ["K-3", "K-0"]])
        #expect(await coalescer.counts.flushes == 2)
    }
}
