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
