import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one apply cost the process that ran it: its API calls, the CPU seconds the process used
/// meanwhile (the client's JSON, the journal's commits, an in-process sandbox's work) and its wall
/// time. Kept with the run in the journal; the next plan's estimate takes apply's CPU per call from it.
public struct ApplyCost: Sendable, Codable, Hashable {
    public var calls: Int
    public var cpuSeconds: Double
    public var seconds: Double

    public init(calls: Int, cpuSeconds: Double, seconds: Double) {
        self.calls = calls; self.cpuSeconds = cpuSeconds; self.seconds = seconds
    }

    /// CPU seconds per API call (nil without calls).
    public var cpuSecondsPerCall: Double? { calls > 0 ? cpuSeconds / Double(calls) : nil }

    enum CodingKeys: String, CodingKey {
        case calls, cpuSeconds = "cpu_seconds", seconds
    }

    /// User + system CPU seconds this process has used so far (`getrusage`): unlike wall time, it
    /// does not grow while the process waits for Wix.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// How much CPU this process gets right now: `threads` threads spin for `seconds` and the CPU time
/// they were given is divided by the wall time. On an idle machine that is `threads` (up to the
/// cores); on one busy with other work, less (2 threads on 2 cores at a load of 20 get ~0.2 cores).
/// The plan's estimate divides apply's CPU work by it when that work could bound the apply.
public enum CPUAvailability {
    public static func measure(threads: Int, seconds: Double = 0.2) async -> Double {
        let count = max(1, threads)
        let start = monotonic()
        // CPU seconds given and the latest moment a thread finished: the wall time is the threads'
        // own, so a late start counts as CPU not given and a slow wake-up of the caller does not.
        let measured = Mutex((given: 0.0, end: start + seconds))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let left = Mutex(count)
            for _ in 0..<count {
                let thread = Thread {
                    var spin = 0
                    while monotonic() - start < seconds { for _ in 0..<1_000 { spin &+= 1 } }
                    let cpu = threadCPUSeconds(), end = monotonic()
                    measured.withLock { $0.given += cpu; $0.end = max($0.end, end) }
                    if left.withLock({ $0 -= 1; return $0 }) == 0 { continuation.resume() }
                    _ = spin
                }
                thread.start()
            }
        }
        return measured.withLock { $0.given / ($0.end - start) }
    }

    static func monotonic() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
