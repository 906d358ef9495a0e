import ArgumentParser
import Foundation
import FunnelCore
import FunnelKit
import FunnelTestSupport
import WixEmulator

/// `funnel-bench emulator-persistence`: N new leads applied to an in-memory sandbox, then to one with
/// a data file (issue #15: the data file may cost at most 1.5× the in-memory time).
struct EmulatorPersistenceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator-persistence",
        abstract: "Apply N leads to the sandbox in memory vs with a data file (--data).")

    @Option(help: "New leads to apply.") var leads = 5_000
    @Option(help: "Steps applied at once.") var parallelism = 8

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-bench-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var seconds: [Double] = []
        for dataPath in [nil, directory.appendingPathComponent("sandbox.json").path] {
            try await withEmulator(EmulatorOptions(dataPath: dataPath)) { sandbox in
                let funnel = try BenchFunnel(sandbox: sandbox, leads: leads)
                let (report, time, plan) = try await funnel.apply(funnel.client(), parallelism: parallelism)
                seconds.append(time)
                print(String(format: "%@: %d leads, %d steps, %d API calls in %.2f s (%.3f ms per step), %d failed",
                             dataPath == nil ? "in memory" : "data file", leads, plan.steps.count, report.apiCalls, time,
                             time * 1000 / Double(max(1, plan.steps.count)), report.failed.count))
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("sandbox.sqlite").path)[.size])
            .flatMap { $0 as? Int } ?? 0
        print(String(format: "data file / in memory: %.2fx (goal ≤ 1.5x); sandbox.sqlite %.1f MB", seconds[1] / seconds[0],
                     Double(size) / 1_048_576))
    }
}
