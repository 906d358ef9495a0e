import Foundation
import FunnelTestSupport

/// The `funnel serve --funnels DIR` processes of a fleet benchmark, `workers` split between them;
/// process N writes `serveN.out` and `serveN.err` in `root`.
enum ServeProcesses {
    static func start(_ processes: Int, workers: Int, folder: URL, root: URL, environment: [String: String],
                      options: [String]) throws -> [Process] {
        var children: [Process] = []
        for index in 0..<processes {
            let share = workers / processes + (index < workers % processes ? 1 : 0)
            let process = try FunnelExecutable.process(
                ["serve", "--funnels", folder.path, "--workers", "\(share)", "--port", "0"] + options,
                environment: environment, stdout: root.appendingPathComponent("serve\(index).out"),
                stderr: root.appendingPathComponent("serve\(index).err"))
            do {
                try process.run()
            } catch {
                for child in children { kill(child.processIdentifier, SIGKILL) }
                throw error
            }
            children.append(process)
        }
        return children
    }
}
