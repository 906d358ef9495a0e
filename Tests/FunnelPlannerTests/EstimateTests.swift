import Foundation
import FunnelCore
import Testing
@testable import FunnelPlanner

/// The apply estimate: measured latency spread over the parallelism, or the rate limit, whichever bounds it.
@Suite("apply estimate")
struct EstimateTests {
    /// 100 new leads on an empty site: a workflow (2 calls) and 5 phases one at a time, then 100
    /// contacts and 100 cards `parallelism` at a time.
    private func estimate(secondsPerCall: Double?, parallelism: Int = 4, requestsPerMinute: Int? = nil,
                          cpuSecondsPerCall: Double? = nil, cores: Int = 2, availableCores: Double? = nil) throws -> CallEstimate {
        let leads = (0..<100).map { Fixture.lead("l\($0)", .phase(Fixture.phases[$0 % 5])) }
        let context = PlanContext(createdAt: Date(timeIntervalSince1970: 0), funnelVersion: "test", configPath: "/tmp/funnel.yaml",
                                  configDigest: "c", sourceDigest: "s", requestsPerMinute: requestsPerMinute,
                                  parallelism: parallelism, secondsPerCall: secondsPerCall, planReadCalls: 3,
                                  cpuSecondsPerCall: cpuSecondsPerCall, cores: cores)
        var busy = context
        busy.availableCores = availableCores
        return try Planner.plan(desired: Fixture.desired(leads), live: LiveState(), state: .empty(lineage: "x"),
                                policy: PlanPolicy(), context: busy).estimate
    }

    @Test("latency-bound: calls × measured latency ÷ parallelism, phases one at a time")
    func latencyBound() throws {
        let estimate = try estimate(secondsPerCall: 0.02, parallelism: 4)
        #expect(estimate.apiCalls == 207)
        // (2 + 5) calls one by one, then 25 rounds of 4 contacts and 25 rounds of 4 cards.
        #expect(abs(estimate.seconds - (7 + 25 + 25) * 0.02) < 1e-9)
        #expect(estimate.bound == .latency)
        #expect(estimate.basis == "20 ms per call measured, parallelism 4; apply's CPU per call not yet known")
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
        #expect(estimate.basis == "200 requests/minute; apply's CPU per call not yet known")
        #expect(estimate.requestsPerMinute == 200)
        // A generous limit does not bound a slow Wix: the latency does.
        let slow = try self.estimate(secondsPerCall: 0.5, parallelism: 4, requestsPerMinute: 10_000)
        #expect(slow.bound == .latency)
        #expect(slow.seconds > 207 * 60 / 10_000)
    }

    @Test("CPU-bound: calls × apply's CPU per call ÷ the cores (at most the group's width), group by group")
    func cpuBound() throws {
        // 5 ms of CPU per call on 2 cores, 1 ms of latency: the parallel groups wait for the CPU, the
        // one-at-a-time workflow and phase steps for 5 ms each (one core), not 1 ms.
        let estimate = try estimate(secondsPerCall: 0.001, parallelism: 4, cpuSecondsPerCall: 0.005, cores: 2)
        #expect(estimate.bound == .cpu)
        let expected: Double = 7 * 0.005 + 200 * 0.005 / 2
        #expect(abs(estimate.seconds - expected) < 1e-9)
        let bounds = try #require(estimate.bounds)
        #expect(abs(bounds.latency - (7 + 25 + 25) * 0.001) < 1e-9)
        let cpu = try #require(bounds.cpu)
        let expectedCPU: Double = 7 * 0.005 + 200 * 0.005 / 2
        #expect(abs(cpu - expectedCPU) < 1e-9)
        #expect(bounds.rateLimit == nil)
        #expect(estimate.cpuSecondsPerCall == 0.005 && estimate.cores == 2)
        #expect(estimate.basis == "apply's CPU 5.0 ms per call, 2 cores; 1.0 ms per call measured, parallelism 4")
        // More cores than the parallelism: only `parallelism` calls run at once.
        let wide = try self.estimate(secondsPerCall: 0.001, parallelism: 4, cpuSecondsPerCall: 0.005, cores: 16)
        let expectedWide: Double = 7 * 0.005 + 200 * 0.005 / 4
        #expect(abs(wide.seconds - expectedWide) < 1e-9 && wide.cores == 4)
        // A busy machine gives the process half a core: every group waits for it.
        let loaded = try self.estimate(secondsPerCall: 0.001, parallelism: 4, cpuSecondsPerCall: 0.005, cores: 2,
                                       availableCores: 0.5)
        let expectedLoaded: Double = 207 * 0.005 / 0.5
        #expect(abs(loaded.seconds - expectedLoaded) < 1e-9 && loaded.availableCores == 0.5)
        #expect(loaded.basis == "apply's CPU 5.0 ms per call, 0.5 of 2 cores free; 1.0 ms per call measured, parallelism 4")
        // A slow network hides the CPU: latency bounds, the CPU figure still in the basis.
        let slow = try self.estimate(secondsPerCall: 0.1, parallelism: 4, cpuSecondsPerCall: 0.005, cores: 2)
        #expect(slow.bound == .latency && abs(slow.seconds - (7 + 25 + 25) * 0.1) < 1e-9)
        #expect(slow.basis == "100 ms per call measured, parallelism 4; apply's CPU 5.0 ms per call, 2 cores")
        // A rate limit slower than both bounds; the basis names it alone.
        let limited = try self.estimate(secondsPerCall: 0.001, parallelism: 4, requestsPerMinute: 600,
                                        cpuSecondsPerCall: 0.005, cores: 2)
        #expect(limited.bound == .rateLimit && abs(limited.seconds - 207 * 0.1) < 1e-9)
        #expect(limited.basis == "600 requests/minute")
    }

    @Test("nothing read: the assumed latency, said so")
    func assumed() throws {
        let estimate = try estimate(secondsPerCall: nil)
        #expect(estimate.secondsPerCall == nil)
        #expect(estimate.basis == "50 ms per call assumed, parallelism 4; apply's CPU per call not yet known")
    }

    @Test("the JSON plan carries the inputs under stable keys")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(try estimate(secondsPerCall: 0.02)), as: UTF8.self)
        for key in ["\"api_calls\":207", "\"basis\":", "\"bound\":\"latency\"", "\"parallelism\":4", "\"plan_read_calls\":3",
                    "\"seconds\":", "\"seconds_per_call\":0.02", "\"bounds\":{\"latency\":"] {
            #expect(text.contains(key), "\(key) in \(text)")
        }
        // A plan saved before these fields existed still decodes.
        let old = try JSONDecoder().decode(CallEstimate.self, from: Data(#"{"api_calls": 2, "seconds": 0.6, "basis": "200 requests/minute", "plan_read_calls": 4}"#.utf8))
        #expect(old.apiCalls == 2 && old.bound == nil && old.secondsPerCall == nil && old.cpuSecondsPerCall == nil)
        let known = String(decoding: try encoder.encode(try estimate(secondsPerCall: 0.02, cpuSecondsPerCall: 0.004)), as: UTF8.self)
        for key in ["\"cpu_seconds_per_call\":0.004", "\"cores\":2", "\"cpu\":"] {
            #expect(known.contains(key), "\(key) in \(known)")
        }
    }
}
