import FunnelCore
import FunnelTestSupport
import Testing
@testable import WixAPI

@Suite("Rate limiter on a manual clock")
struct RateLimiterTests {
    @Test("concurrent callers are released one per interval, never early")
    func releasesOnePerInterval() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: 60, burst: 1, clock: ClockReader(clock))
        let released = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { try await limiter.acquire(); released.increment() }
            }
            await clock.waitForSleepers(3)
            await released.waitFor(1)
            #expect(released.value == 1)
            clock.advance(by: .milliseconds(999))
            #expect(released.value == 1)
            clock.advance(by: .milliseconds(1))
            await released.waitFor(2)
            clock.advance(by: .seconds(2))
            try await group.waitForAll()
        }
        #expect(released.value == 4)
    }

    @Test("without a rate only a 429 hold delays callers")
    func holdWithoutRate() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(requestsPerMinute: nil, burst: 1, clock: ClockReader(clock))
        try await limiter.acquire()
        try await limiter.acquire()
        await limiter.hold(for: .seconds(2))
        let released = Counter()
        let waiting = Task { try await limiter.acquire(); released.increment() }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(1))
        #expect(released.value == 0)
        clock.advance(by: .seconds(1))
        try await waiting.value
        #expect(released.value == 1)
    }
}
