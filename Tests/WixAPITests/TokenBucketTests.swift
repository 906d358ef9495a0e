import Testing
@testable import WixAPI

@Suite("Token bucket arithmetic")
struct TokenBucketTests {
    @Test("an evenly spaced stream: one slot every 60/R seconds, in booking order")
    func spacesRequestsEvenly() {
        var bucket = TokenBucket(requestsPerMinute: 120, capacity: 1)
        let slots = (0..<5).map { _ in bucket.reserve(at: .zero) }
        #expect(slots == [.zero, .milliseconds(500), .seconds(1), .milliseconds(1500), .seconds(2)])
    }

    @Test("a burst allowance lets `capacity` requests go at once, then the rate applies")
    func burstThenRate() {
        var bucket = TokenBucket(requestsPerMinute: 60, capacity: 3)
        let slots = (0..<5).map { _ in bucket.reserve(at: .seconds(10)) }
        #expect(slots == [.seconds(10), .seconds(10), .seconds(10), .seconds(11), .seconds(12)])
    }

    @Test("an idle bucket refills: a request after a pause goes at once")
    func refillsWhileIdle() {
        var bucket = TokenBucket(requestsPerMinute: 60, capacity: 1)
        #expect(bucket.reserve(at: .zero) == .zero)
        #expect(bucket.reserve(at: .seconds(30)) == .seconds(30))
        #expect(bucket.reserve(at: .seconds(30)) == .seconds(31))
    }

    @Test("never more than R requests in any one-minute window", arguments: [1, 5, 20])
    func neverExceedsRateInAnyWindow(capacity: Int) {
        var bucket = TokenBucket(requestsPerMinute: 200, capacity: capacity)
        let slots = (0..<1000).map { bucket.reserve(at: .milliseconds(Int64($0) * 10)) }
        var worst = 0
        var start = 0
        for end in slots.indices {
            while slots[end] - slots[start] >= .seconds(60) { start += 1 }
            worst = max(worst, end - start + 1)
        }
        #expect(worst <= 200 + capacity - 1)
        // …and the stream keeps up with the rate: 1000 requests take no longer than 1000/R minutes.
        #expect(slots.last! <= .seconds(60 * 1000 / 200))
    }

    @Test("a hold (Retry-After) pushes every later slot past it")
    func holdDelaysLaterSlots() {
        var bucket = TokenBucket(requestsPerMinute: 600, capacity: 4)
        _ = bucket.reserve(at: .zero)
        bucket.hold(until: .seconds(5))
        #expect(bucket.reserve(at: .seconds(1)) == .seconds(5))
    }
}
