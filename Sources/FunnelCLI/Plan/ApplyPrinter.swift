import Foundation
import FunnelCore
import FunnelKit
import FunnelRender

/// Renders apply events: a progress bar on a terminal, plain lines in CI, NDJSON with --json.
final class ApplyPrinter: @unchecked Sendable {
    enum Mode { case bar, lines, json }

    private let mode: Mode
    private let render: RenderOptions
    private let lock = NSLock()
    private var total = 0
    private var finished = 0
    private var failed = 0
    private var started = Date()

    init(mode: Mode, render: RenderOptions) {
        self.mode = mode
        self.render = render
    }

    func handle(_ event: ApplyEvent) {
        lock.lock(); defer { lock.unlock() }
        switch mode {
        case .json: Terminal.out(ndjson(event))
        case .lines, .bar: text(event)
        }
    }

    private func text(_ event: ApplyEvent) {
        switch event {
        case .started(let runId, let steps, let parallelism, let resumed):
            total = steps
            started = Date()
            let resume = resumed.map { " (resuming interrupted run \($0))" } ?? ""
            Terminal.err("Applying \(steps) steps, \(parallelism) at a time (run \(runId))\(resume)")
        case .stepDone(let step, let id, let note):
            finished += 1
            if mode == .lines {
                let extra = [id.map { "id \($0)" }, note].compactMap { $0 }.joined(separator: ", ")
                Terminal.err("\(step.action.symbol) \(step.action.rawValue) \(mask(step.address)): done\(extra.isEmpty ? "" : " (\(extra))")")
            } else { bar() }
        case .stepFailed(let step, let error):
            finished += 1
            failed += 1
            Terminal.err("✗ \(step.action.rawValue) \(mask(step.address)) failed: \(mask(error))")
            if mode == .bar { bar() }
        case .stepSkipped(let step, let blockers):
            finished += 1
            Terminal.err("- \(step.action.rawValue) \(mask(step.address)) skipped: depends on failed step \(blockers.map(String.init).joined(separator: ", "))")
            if mode == .bar { bar() }
        case .finished(let report):
            if mode == .bar { Terminal.drawProgress(nil) }
            summary(report)
        }
    }

    private func bar() {
        let width = 30
        let fraction = total == 0 ? 1 : Double(finished) / Double(total)
        let filled = Int(fraction * Double(width))
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(finished) / elapsed
        let eta = rate > 0 ? Double(total - finished) / rate : 0
        let line = "[\(String(repeating: "█", count: filled))\(String(repeating: "·", count: width - filled))] "
            + "\(finished)/\(total) steps  \(String(format: "%.1f", rate))/s  ETA \(Int(eta.rounded()))s"
            + (failed > 0 ? "  \(failed) failed" : "")
        Terminal.drawProgress(line)
    }

    private func summary(_ report: ApplyReport) {
        let adopted = report.adopted > 0 ? ", \(report.adopted) found already made" : ""
        Terminal.err(String(format: "Apply %@: %d done%@, %d failed, %d skipped in %.1fs (%d API calls). State serial %d.",
                            report.succeeded ? "complete" : "incomplete", report.done, adopted, report.failed.count,
                            report.skipped.count, report.seconds, report.apiCalls, report.serial))
        for failure in report.failed {
            Terminal.err("  failed: \(failure.action) \(mask(failure.address)): \(mask(failure.error))")
        }
        for skip in report.skipped {
            Terminal.err("  skipped: \(skip.action) \(mask(skip.address)) (needs step \(skip.blockedBy.map(String.init).joined(separator: ", ")))")
        }
    }

    private func mask(_ text: String) -> String {
        render.showPersonalData ? text : PersonalData.maskText(text)
    }

    /// One NDJSON line; addresses, notes and errors masked like the text view (unless --show-personal-data).
    func ndjson(_ event: ApplyEvent) -> String {
        var object: [String: JSONValue]
        switch event {
        case .started(let runId, let steps, let parallelism, let resumed):
            object = ["event": .string("apply_start"), "run_id": .string(runId), "steps": .number(Double(steps)),
                      "parallelism": .number(Double(parallelism))]
            if let resumed { object["resumed_run"] = .string(resumed) }
        case .stepDone(let step, let id, let note):
            object = ["event": .string("step_done"), "step": .number(Double(step.id)), "action": .string(step.action.rawValue),
                      "address": .string(mask(step.address))]
            if let id { object["id"] = .string(id) }
            if let note { object["note"] = .string(mask(note)) }
        case .stepFailed(let step, let error):
            object = ["event": .string("step_failed"), "step": .number(Double(step.id)), "action": .string(step.action.rawValue),
                      "address": .string(mask(step.address)), "error": .string(mask(error))]
        case .stepSkipped(let step, let blockers):
            object = ["event": .string("step_skipped"), "step": .number(Double(step.id)), "action": .string(step.action.rawValue),
                      "address": .string(mask(step.address)), "blocked_by": .array(blockers.map { .number(Double($0)) })]
        case .finished(let report):
            var report = report
            report.failed = report.failed.map { var failure = $0; failure.address = mask(failure.address); failure.error = mask(failure.error); return failure }
            report.skipped = report.skipped.map { var skip = $0; skip.address = mask(skip.address); return skip }
            let data = (try? JSONEncoderFactory.sorted.encode(report)) ?? Data()
            var summary = (try? JSONDecoder().decode([String: JSONValue].self, from: data)) ?? [:]
            summary["event"] = .string("summary")
            summary["succeeded"] = .bool(report.succeeded)
            object = summary
        }
        return String(decoding: (try? JSONEncoderFactory.sorted.encode(object)) ?? Data(), as: UTF8.self)
    }
}
