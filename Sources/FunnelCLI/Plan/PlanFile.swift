import ArgumentParser
import Foundation
import FunnelCore
import FunnelRender

/// Saved plans: the full (unmasked) document, written atomically.
enum PlanFile {
    static func write(_ plan: Plan, to path: String) throws {
        try AtomicFile.write(try PlanRenderer.json(plan, options: .planFile), to: path)
    }

    static func read(_ path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.err("error: cannot read plan file \(path)")
            throw ExitCode(1)
        }
        do {
            return try PlanRenderer.decode(data)
        } catch {
            Terminal.err("error: \(path) is not a funnel plan: \(error)")
            throw ExitCode(1)
        }
    }
}
