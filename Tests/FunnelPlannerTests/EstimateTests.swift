import Foundation
import FunnelCore
import Testing
@testable import FunnelPlanner

/// The apply estimate: measured latency spread over the parallelism, or the rate limit, whichever bounds it.
@Suite("apply estimate")
struct EstimateTests {
    /// 100 new leads on an empty site: a workflow (2 calls) and 5 phases one at a time, then 100
    /// contacts and 100 cards `parallelism` at a time.
    private func estimate(secondsPerCall: Double?, parallelism: Int = 4, requestsPerMinute: Int? = nil) throws -> CallEstimate {
        let leads = (0..<100).map { Fixture.lead("l\($0)", .phase(Fixture.phases[$0 % 5])) }
        let context = PlanContext(createdAt: Date(timeIntervalSince1970: 0), funnelVersion: "test", configPath: "/tmp/funnel.yaml",
                                  configDigest: "c", sourceDigest: "s", requestsPerMinute: requestsPerMinute,
                                  parallelism: parallelism, secondsPerCall: secondsPerCall, planReadCalls: 3)
        return try Planner.plan(desired: Fixture.desired(leads), live: LiveState(), state: .empty(lineage: "x"),
                                policy: PlanPolicy(), context: context).estimate
    }

    @Test("latency-bound: calls × measured latency ÷ parallelism, phases one at a time")
    func latencyBound() throws {
        let estimate = try estimate(secondsPerCall: 0.02, parallelism: 4)
        #expect(estimate.apiCalls == 207)
        // (2 + 5) calls one by one, then 25 rounds of 4 contacts and 25 rounds of 4 cards.
        #expect(abs(estimate.seconds - (7 + 25 + 25) * 0.02) < 1e-9)
        #expect(estimate.bound == .latency)
        #expect(estimate.basis == "20 ms per call measured, parallelism 4")
        #expect(estimate.secondsPerCall == 0.02 && estimate.parallelism == 4 && estimate.requestsPerMinute == nil)
        #expect(estimate.planReadCalls == 3)
        // Twice the parallelism: the parallel groups take half as long, the phases no less.
        let wider = try self.estimate(secondsPerCall: 0.02, parallelism: 8)
        #expect(abs(wider.seconds - (7 + 13 + 13) * 0.02) < 1e-9)
    }

    @Test("rate-bound: calls ÷ the rate limit when that is slower")
    func rateBound() throws {
        let estimate = try estimate(secondsPerCall: 0.02, parallelism: 4, requestsPerMinute: 200)
        #expect(abs(estimate.seconds - 207 * 0.3) < 1e-9)
        #expect(estimate.bound == .rateLimit)
        #expect(estimate.basis == "200 requests/minute")
        #expect(estimate.requestsPerMinute == 200)
        // A generous limit does not bound a slow Wix: the latency does.
        let slow = try self.estimate(secondsPerCall: 0.5, parallelism: 4, requestsPerMinute: 10_000)
        #expect(slow.bound == .latency)
        #expect(slow.seconds > 207 * 60 / 10_000)
    }

    @Test("nothing read: the assumed latency, said so")
    func assumed() throws {
        let estimate = try estimate(secondsPerCall: nil)
        #expect(estimate.secondsPerCall == nil)
        #expect(estimate.basis == "50 ms per call assumed, parallelism 4")
    }

    @Test("the JSON plan carries the inputs under stable keys")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(try estimate(secondsPerCall: 0.02)), as: UTF8.self)
        for key in ["\"api_calls\":207", "\"basis\":", "\"bound\":\"latency\"", "\"parallelism\":4", "\"plan_read_calls\":3",
                    "\"seconds\":", "\"seconds_per_call\":0.02"] {
            #expect(text.contains(key), "\(key) in \(text)")
        }
        // A plan saved before these fields existed still decodes.
        let old = try JSONDecoder().decode(CallEstimate.self, from: Data(#"{"api_calls": 2, "seconds": 0.6, "basis": "200 requests/minute", "plan_read_calls": 4}"#.utf8))
        #expect(old.apiCalls == 2 && old.bound == nil && old.secondsPerCall == nil)
    }
}
