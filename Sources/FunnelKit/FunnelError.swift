import FunnelCore

/// A failure of a funnel use case, worded for the person running the command.
public struct FunnelError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Process exit code the CLI should use (1 = error, 3 = a policy gate refused).
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}
