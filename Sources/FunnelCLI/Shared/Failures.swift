import ArgumentParser
import FunnelKit
import FunnelRender
import WixAPI

/// Maps use-case failures to a message on stderr and the documented exit code.
enum Failures {
    static func report<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as FunnelError {
            Terminal.err("error: \(error.message)")
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch let error as WixError {
            Terminal.err("error: " + PersonalData.maskText(error.description))
            throw ExitCode(1)
        } catch {
            Terminal.err("error: \(error)")
            throw ExitCode(1)
        }
    }
}
