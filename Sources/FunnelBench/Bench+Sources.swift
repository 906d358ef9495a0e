import ArgumentParser
import Foundation
import FunnelConfig
import FunnelCore
import FunnelSources
import Logging

/// `funnel-bench sources`: generate a CSV (~100 bytes a row) and an NDJSON file of N leads in a
/// temp directory, then time reading them alone and reading + mapping them, with the peak RSS of
/// each phase (VmHWM, reset between phases), plus the per-record cost of the templates.
struct SourcesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sources", abstract: "Read and map a 1M-row CSV and NDJSON file.")

    @Option(help: "Rows to generate.")
    var rows: Int = 1_000_000

    func run() async throws {
        let directory = NSTemporaryDirectory() + "funnel-bench-sources-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = directory + "/leads.csv", ndjson = directory + "/leads.ndjson"
        try SourcesBenchData.write(rows: rows, csv: csv, ndjson: ndjson)
        print("rows: \(rows)  csv: \(SourcesBenchData.megabytes(csv)) MB  ndjson: \(SourcesBenchData.megabytes(ndjson)) MB  cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        print("phase                      seconds   records/s   peak RSS MB")
        let logger = Logger(label: "bench")
        for (name, spec) in [("csv", SourceSpec(key: "id", kind: .csv(CSVSource(path: csv)))),
                             ("ndjson", SourceSpec(key: "id", kind: .ndjson(NDJSONSource(path: ndjson))))] {
            let configuration = SourcesBenchData.configuration(source: spec)
            try await measure("\(name) read only") {
                let source = SourceFactory.make(spec, usedFields: configuration.usedFields, logger: logger)
                var count = 0
                for try await record in source.records() where record.key != nil { count += 1 }
                return count
            }
            try await measure("\(name) read + map") {
                let mapped = try await SourceFactory.readAndMap(configuration, logger: logger).mapped
                guard mapped.rejected.isEmpty else { throw ValidationError("unexpected rejections: \(mapped.rejected.prefix(3))") }
                return mapped.leads.count
            }
        }
        try templateCost()
    }

    private func measure(_ name: String, _ body: () async throws -> Int) async throws {
        SourcesBenchData.resetPeakMemory()
        let start = ContinuousClock.now
        let count = try await body()
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let label = name.padding(toLength: 24, withPad: " ", startingAt: 0)
        print("\(label) \(String(format: "%8.2f", seconds))  \(String(format: "%10.0f", Double(count) / seconds))   \(String(format: "%8.0f", SourcesBenchData.peakMegabytes()))")
    }

    /// Per-render cost of the benchmark's templates, compiled (engine-free) and through Stencil.
    private func templateCost() throws {
        let record: [String: JSONValue] = SourcesBenchData.sampleRecord
        let texts = SourcesBenchData.templates
        let iterations = 200_000
        print("\ntemplate                                              compiled µs   Stencil µs")
        for text in texts {
            let template = try TemplateSpec(text).template()
            var sink = 0
            var start = ContinuousClock.now
            for _ in 0..<iterations { sink &+= try template.render(record).utf8.count }
            let fast = (ContinuousClock.now - start) / .microseconds(1) / Double(iterations)
            start = ContinuousClock.now
            for _ in 0..<(iterations / 10) { sink &+= try template.renderWithEngine(record).utf8.count }
            let engine = (ContinuousClock.now - start) / .microseconds(1) / Double(iterations / 10)
            let label = text.padding(toLength: 52, withPad: " ", startingAt: 0)
            print("\(label) \(template.isCompiled ? String(format: "%10.2f", fast) : "         -")   \(String(format: "%10.2f", engine))\(sink == 0 ? " " : "")")
        }
    }
}
